// Made once per run: the production build of the pages under test, and a migrated database with the demo school
// that every startE2E() copies (e2e/support.ts), so each file does not run initdb, the migrations and the seed anew.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemoSchool } from '../server/seed/demo';
import { E2E_TEMPLATE } from './template';

export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  const demo = await seedDemoSchool({ db: database.db, log: pino({ level: 'silent' }), clock: { now: () => new Date() } });
  const blob = await database.pglite!.dumpDataDir('none');
  await database.close();
  mkdirSync(E2E_TEMPLATE.dir, { recursive: true });
  writeFileSync(`${E2E_TEMPLATE.dump}.part`, Buffer.from(await blob.arrayBuffer()));
  renameSync(`${E2E_TEMPLATE.dump}.part`, E2E_TEMPLATE.dump);
  writeFileSync(E2E_TEMPLATE.demoJson, JSON.stringify(demo));
}
