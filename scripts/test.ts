// `npm test`: every check Tillit has, in order, on the real parts.
//   1. typecheck   2. lint   3. API and unit tests on embedded PGlite
//   4. the same tests on a real PostgreSQL server started here   5. end-to-end in real Chromium
// Prints one closing line "N passed, N failed". Set TILLIT_TEST_ONLY=api,pg,e2e,… to run some phases.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startPostgres } from '../server/test/pg-server';

const root = path.join(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const only = process.env.TILLIT_TEST_ONLY?.split(',');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function run(phase: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n▶ ${phase}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${phase} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(phase);
  return ok;
}

/** Runs vitest and adds its counts (from its JSON report) to the totals. */
function vitest(phase: string, args: string[], env: Record<string, string> = {}): void {
  const report = path.join(tmp, `vitest-${phase.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  const ok = run(phase, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], env);
  if (!existsSync(report)) {
    failed++;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  // A file that fails before any test runs (an import error, a failing beforeAll) counts as one failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  // Vitest also fails a run for an unhandled error outside any test: count it, so the closing line agrees.
  if (!ok && r.numFailedTests + brokenFiles === 0) failed++;
  skipped += r.numPendingTests + r.numTodoTests;
}

const want = (phase: string) => !only || only.includes(phase);

if (want('typecheck') && !run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) failed++;
if (want('lint') && !run('lint', bin('eslint'), ['--max-warnings', '0', '.'])) failed++;
// Dates must not depend on the machine's zone: the PGlite run is in UTC, the PostgreSQL run (server and tests)
// in Oslo, so every API test runs under both (issue 4), and the e2e browser reads Oslo time.
if (want('api')) vitest('API and unit tests on PGlite (TZ=UTC)', [], { TZ: 'UTC' });
if (want('pg')) {
  console.log('\n▶ starting a PostgreSQL server for the integration run');
  const pg = await startPostgres({ timezone: 'Europe/Oslo' });
  try {
    vitest('API tests on PostgreSQL (TZ=Europe/Oslo)', ['server', '--exclude', 'server/scheduling/**'], { TILLIT_TEST_DB: 'postgres', TILLIT_TEST_PG_URL: pg.url, TZ: 'Europe/Oslo' });
  } finally {
    await pg.stop();
  }
}
if (want('e2e')) vitest('end-to-end in Chromium', ['--config', 'e2e/vitest.config.ts']);

if (failures.length) console.log(`\nFailed phases: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
