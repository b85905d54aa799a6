import { defineConfig } from 'vitest/config';
import path from 'node:path';

// API and unit tests. TILLIT_TEST_DB=postgres (with TILLIT_TEST_PG_URL) runs the same files against a real server.
export default defineConfig({
  resolve: { alias: { '@shared': path.resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
