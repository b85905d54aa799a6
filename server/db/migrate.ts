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

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), file: path.join(dir, file) }));
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

/**
 * Applies every known migration the database lacks, in order, and returns their versions. Modules number
 * their migrations independently, so a lower number may arrive after a higher one has run: it is applied
 * then, never skipped (each file only adds its own tables and columns). Refuses a database that holds a
 * version this Tillit does not know: it was written by a newer one.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<{ from: number; to: number; applied: number[] }> {
  const from = await currentVersion(database);
  const migrations = listMigrations(dir);
  const known = new Set(migrations.map((m) => m.version));
  const done = new Set((await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(database.db)).rows.map((r) => r.version));
  const unknown = [...done].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new NewerDatabaseError(
      `This database was written by a newer version of Tillit (schema version ${Math.max(...unknown)}; this version knows up to ${Math.max(0, ...known)}). ` +
        'Start the newer Tillit again, or point TILLIT_DATA_DIR / DATABASE_URL at another database.',
    );
  }
  const applied: number[] = [];
  for (const m of migrations.filter((x) => !done.has(x.version))) {
    const body = readFileSync(m.file, 'utf8');
    const record = `INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name.replace(/'/g, "''")}');`;
    await database.execScript(`${body}\n;${record}`);
    applied.push(m.version);
  }
  return { from, to: Math.max(from, ...applied), applied };
}
