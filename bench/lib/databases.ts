// The two databases every benchmark runs on: embedded PGlite and a real PostgreSQL server started here
// (fsync on, as in production), each freshly migrated.
import { openDatabase, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { startPostgres, type PostgresServer } from '../../server/test/pg-server';

export interface BenchDatabase {
  label: string;
  database: Database;
  close(): Promise<void>;
}

export async function withEachDatabase(run: (b: BenchDatabase) => Promise<void>): Promise<void> {
  const pglite = await openDatabase({ inMemory: true });
  await migrate(pglite);
  await run({ label: 'PGlite 0.5.16 (in-memory)', database: pglite, close: () => pglite.close() });
  await pglite.close();
  await withPostgres(run);
}

/** Only the real server, for benchmarks whose load would take PGlite (one session) too long. */
export async function withPostgres(run: (b: BenchDatabase) => Promise<void>): Promise<void> {
  let server: PostgresServer | undefined;
  try {
    server = await startPostgres({ fsync: true });
    const pg = await openDatabase({ databaseUrl: server.url });
    await migrate(pg);
    await run({ label: 'PostgreSQL 15 (loopback, fsync on)', database: pg, close: () => pg.close() });
    await pg.close();
  } finally {
    await server?.stop();
  }
}

export const seconds = (ms: number): string => (ms / 1000).toFixed(2);
export const perSecond = (rows: number, ms: number): string => Math.round(rows / (ms / 1000)).toLocaleString('en');
