import { defineConfig } from 'vitest/config';
import path from 'node:path';

// End-to-end journeys in Debian's Chromium against the real server. One file at a time: each starts a browser.
export default defineConfig({
  resolve: { alias: { '@shared': path.resolve(import.meta.dirname, '..', 'shared') } },
  test: {
    root: path.resolve(import.meta.dirname, '..'),
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
