import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { catalogsPlugin } from './scripts/catalogs.ts';

// API and unit tests. TILLIT_TEST_DB=postgres (with TILLIT_TEST_PG_URL) runs the same files against a real server.
export default defineConfig({
  plugins: [catalogsPlugin()],
  resolve: { alias: { '@shared': path.resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process runs the files one after another and keeps the modules it imported: each file still gets its own
    // database and app (server/test/harness.ts), and re-importing the server for every file cost about a minute.
    isolate: false,
    // Vitest's default on two cores is one worker; the files wait on PostgreSQL's fsync and on child processes
    // often enough that two workers finish the PGlite phase about a quarter sooner and the PostgreSQL one a third.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
