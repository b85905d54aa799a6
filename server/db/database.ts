// Opens the one database Tillit speaks to: embedded PGlite in a data directory, or a PostgreSQL server.
// Both get the same parsers, so a `date` is a 'YYYY-MM-DD' string and an int8 a number whichever runs underneath.
import { mkdirSync, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import { reportingWrites, type TableWrite, type WriteListener } from './writes';
import { preparingPglite, preparingStatements } from './prepared';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Runs a script of several statements in one transaction (migrations, seeds). */
  execScript(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for dumping a data directory (tests, backups). */
  pglite?: PGlite;
  /**
   * Hears of every statement through `db` or `execScript` that may have changed rows, right after it ran and
   * again when its transaction ended: for caches of table contents in this process. Returns the unsubscribe.
   */
  onWrite(listener: WriteListener): () => void;
}

/** A script says nothing about what it touched: anything may have changed. */
const SCRIPT_WRITES: readonly TableWrite[] = [{ verb: 'other', table: '*' }];

function writeListeners() {
  const listeners = new Set<WriteListener>();
  return {
    emit: (writes: readonly TableWrite[]) => { for (const listener of listeners) listener(writes); },
    onWrite: (listener: WriteListener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

const OID = { int8: 20, date: 1082, timestamp: 1114 } as const;
const asString = (v: string): string => v;

export class DatabaseOpenError extends Error {}

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; inMemory?: boolean; loadDataDir?: Blob }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options);
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === OID.int8) return Number;
      if (oid === OID.date || oid === OID.timestamp) return asString;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle connection the server closes (a restart, a dropped database) must not crash Tillit:
  // the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const where = url.replace(/\/\/[^@/]*@/, '//…@');
    throw new DatabaseOpenError(`Cannot reach the PostgreSQL server at ${where}: ${(err as Error).message}`);
  }
  const writes = writeListeners();
  const db = new Kysely<DB>({ dialect: reportingWrites(new PostgresDialect({ pool: preparingStatements(pool) }), writes.emit) });
  return {
    kind: 'postgres',
    db,
    onWrite: writes.onWrite,
    async execScript(sqlText) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(sqlText);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
        writes.emit(SCRIPT_WRITES);
      }
    },
    close: () => db.destroy(),
  };
}

async function openPglite(options: { dataDir?: string; inMemory?: boolean; loadDataDir?: Blob }): Promise<Database> {
  const parsers = { [OID.int8]: Number, [OID.date]: asString, [OID.timestamp]: asString };
  let release = () => {};
  let dataDir: string | undefined;
  if (!options.inMemory) {
    if (!options.dataDir) throw new DatabaseOpenError('No data directory given for the embedded database');
    dataDir = path.join(options.dataDir, 'pgdata');
    mkdirSync(options.dataDir, { recursive: true });
    release = takeLock(options.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, parsers, loadDataDir: options.loadDataDir });
  } catch (err) {
    release();
    throw new DatabaseOpenError(`Cannot open the embedded database in ${dataDir}: ${(err as Error).message}`);
  }
  const writes = writeListeners();
  const db = new Kysely<DB>({ dialect: reportingWrites(new PGliteDialect({ pglite: preparingPglite(pglite) }), writes.emit) });
  return {
    kind: 'pglite',
    db,
    pglite,
    onWrite: writes.onWrite,
    async execScript(sqlText) {
      try {
        await pglite.transaction(async (tx) => {
          await tx.exec(sqlText);
        });
      } finally {
        writes.emit(SCRIPT_WRITES);
      }
    },
    async close() {
      await db.destroy();
      release();
    },
  };
}

/**
 * PGlite has no cross-process lock: two processes on one directory silently lose rows.
 * A lock file with our pid keeps a second Tillit out, and a stale one (its process gone) is taken over.
 */
function takeLock(dir: string): () => void {
  const lockFile = path.join(dir, 'tillit.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseOpenError(
        `The data directory ${dir} is in use by another Tillit process (pid ${pid}). ` +
          'The embedded database allows one process at a time: stop the other one, or set TILLIT_DATA_DIR to another directory.',
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
