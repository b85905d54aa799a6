// Prepares one migrated database with the demo school, once per test run, for every test file to copy:
// a PGlite data directory dump, or (TILLIT_TEST_DB=postgres) a template database on a real server.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { pino } from 'pino';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemoSchool } from '../seed/demo';
import { TEST_NOW, TEMPLATE_DB, templatePaths } from './paths';

export default async function setup(): Promise<void> {
  const { dir, dump, demoJson } = templatePaths();
  mkdirSync(dir, { recursive: true });
  const sys = (database: Database) => ({ db: database.db, log: pino({ level: 'silent' }), clock: { now: () => TEST_NOW } });

  if (process.env.TILLIT_TEST_DB === 'postgres') {
    const url = process.env.TILLIT_TEST_PG_URL;
    if (!url) throw new Error('TILLIT_TEST_DB=postgres needs TILLIT_TEST_PG_URL (scripts/test.ts starts a server and sets it)');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DB) });
    await migrate(database);
    const demo = await seedDemoSchool(sys(database));
    await database.close();
    writeFileSync(demoJson, JSON.stringify(demo));
    return;
  }

  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  const demo = await seedDemoSchool(sys(database));
  const blob = await database.pglite!.dumpDataDir('none');
  writeFileSync(dump, Buffer.from(await blob.arrayBuffer()));
  writeFileSync(demoJson, JSON.stringify(demo));
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
