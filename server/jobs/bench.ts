// Measures the job queue (docs/JOBS.md): enqueue rate, and how fast one or two workers drain no-op jobs,
// on in-memory PGlite and on a throwaway PostgreSQL server (fsync on). Run: npx tsx server/jobs/bench.ts [count]
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { startPostgres } from '../test/pg-server';
import { systemClock } from '../core/context';
import { enqueueJob } from './queue';
import { runDueJobs } from './worker';

const COUNT = Number(process.argv[2] ?? 5_000);

async function measure(label: string, database: Database): Promise<void> {
  await migrate(database);
  const { db } = database;
  const handlers = { noop: async () => {} };
  const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

  let t = performance.now();
  for (let i = 0; i < COUNT; i++) await enqueueJob(db, { kind: 'noop', payload: { i }, runAt: new Date(0) });
  const enqueue = performance.now() - t;

  t = performance.now();
  await runDueJobs({ db, clock: systemClock, handlers, workerId: 'one', concurrency: 8 });
  const one = performance.now() - t;

  await db.deleteFrom('jobs').execute();
  for (let i = 0; i < COUNT; i++) await enqueueJob(db, { kind: 'noop', payload: { i }, runAt: new Date(0) });
  t = performance.now();
  await Promise.all(['a', 'b'].map((w) => runDueJobs({ db, clock: systemClock, handlers, workerId: w, concurrency: 8 })));
  const two = performance.now() - t;
  const left = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '<>', 'done').executeTakeFirstOrThrow();

  console.log(`| ${label} | ${COUNT} | ${rate(COUNT, enqueue)} | ${rate(COUNT, one)} | ${rate(COUNT, two)} | ${Number(left.n)} |`);
}

console.log('| database | jobs | enqueue (one INSERT each) | drain, 1 worker × 8 | drain, 2 workers × 8 | left undone |');
console.log('| --- | --- | --- | --- | --- | --- |');
const pglite = await openDatabase({ inMemory: true });
await measure('PGlite 0.5 (in memory)', pglite);
await pglite.close();
const server = await startPostgres({ fsync: true });
try {
  const pg = await openDatabase({ databaseUrl: server.url });
  await measure('PostgreSQL (local, fsync on)', pg);
  await pg.close();
} finally {
  await server.stop();
}
