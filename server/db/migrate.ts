// Applies the numbered, forward-only SQL files in migrations/ in order, each in its own transaction,
// the same way on PGlite and on PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), file: path.join(MIGRATIONS_DIR, file) }));
}

export const latestVersion = (): number => Math.max(0, ...listMigrations().map((m) => m.version));

export class NewerDatabaseError extends Error {}

export async function currentVersion(database: Database): Promise<number> {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(database.db);
  return rows[0]?.v ?? 0;
}

/** Returns the versions applied now. Refuses a database written by a newer Tillit. */
export async function migrate(database: Database): Promise<{ from: number; to: number; applied: number[] }> {
  const from = await currentVersion(database);
  const migrations = listMigrations();
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (from > known) {
    throw new NewerDatabaseError(
      `This database was written by a newer version of Tillit (schema version ${from}; this version knows up to ${known}). ` +
        'Start the newer Tillit again, or point TILLIT_DATA_DIR / DATABASE_URL at another database.',
    );
  }
  const applied: number[] = [];
  for (const m of migrations.filter((x) => x.version > from)) {
    const body = readFileSync(m.file, 'utf8');
    const record = `INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name.replace(/'/g, "''")}');`;
    await database.execScript(`${body}\n;${record}`);
    applied.push(m.version);
  }
  return { from, to: applied.at(-1) ?? from, applied };
}
