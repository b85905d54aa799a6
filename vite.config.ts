import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompressPlugin } from './scripts/precompress.ts';

export default defineConfig(({ command }) => {
  // A build is what people get, whoever starts it: under vitest (NODE_ENV=test, as in the end-to-end tests' setup)
  // it would otherwise be React's development build, without the service worker.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: path.resolve(import.meta.dirname, 'web'),
    plugins: [react(), precompressPlugin()],
    resolve: { alias: { '@shared': path.resolve(import.meta.dirname, 'shared') } },
    build: { outDir: path.resolve(import.meta.dirname, 'dist/web'), emptyOutDir: true },
    server: { proxy: { '/api': 'http://localhost:3000' } },
  };
});
