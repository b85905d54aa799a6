import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompressPlugin } from './scripts/precompress.ts';
import { catalogsPlugin, NO_PARSER } from './scripts/catalogs.ts';

export default defineConfig(({ command }) => {
  // A build is what people get, whoever starts it: under vitest (NODE_ENV=test, as in the end-to-end tests' setup)
  // it would otherwise be React's development build, without the service worker.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: path.resolve(import.meta.dirname, 'web'),
    plugins: [react(), catalogsPlugin(), precompressPlugin()],
    resolve: {
      alias: [
        { find: '@shared', replacement: path.resolve(import.meta.dirname, 'shared') },
        // Every message reaches react-intl parsed (scripts/catalogs.ts), so the browser needs no ICU parser.
        ...(command === 'build' ? [NO_PARSER] : []),
      ],
    },
    build: { outDir: path.resolve(import.meta.dirname, 'dist/web'), emptyOutDir: true },
    server: { proxy: { '/api': 'http://localhost:3000' } },
  };
});
