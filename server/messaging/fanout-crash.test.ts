// "A kill -9 of the server mid-fan-out loses nothing and duplicates nothing after restart": a worker process
// fanning out a scheduled owner-wide announcement is killed with SIGKILL and started again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { generateMunicipality } from '../seed/generator';
import { insertMunicipality } from '../seed/municipality.repo';
import { insertAnnouncement } from './announcements.repo';
import { withDatabase } from '../test/global-setup';
import { osloDate } from '@shared/dates';

const child = path.join(import.meta.dirname, 'testing', 'fanout-child.ts');

describe('a worker killed mid-fan-out', () => {
  let env: Record<string, string> = {};
  let open: () => Promise<Database>;
  let cleanup = async () => {};
  let announcementId = '';

  beforeAll(async () => {
    if (process.env.TILLIT_TEST_DB === 'postgres') {
      const name = `tillit_fanout_${process.pid}`;
      const admin = new pg.Client({ connectionString: process.env.TILLIT_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = withDatabase(process.env.TILLIT_TEST_PG_URL!, name);
      open = () => openDatabase({ databaseUrl: url });
      env = { CRASH_DB_URL: url };
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tillit-fanout-'));
      open = () => openDatabase({ dataDir: dir });
      env = { CRASH_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    const database = await open();
    await migrate(database);
    const m = generateMunicipality({ students: 10_000, seed: 11, startYear: 2026 });
    await database.db.transaction().execute((tx) => insertMunicipality(tx, m));
    const past = new Date(Date.now() - 60_000);
    announcementId = await insertAnnouncement(database.db, {
      ownerId: m.owner.id, schoolId: null, authorId: m.ownerAdmins[0]!.person_id, title: 'Planlagt', body: 'Sendes til alle.', category: 'urgent',
      audience: { type: 'owner', ownerId: m.owner.id }, parentalResponsibilityOnly: true, includeStudents: false, requiresAck: false, sendAt: past, at: past,
    });
    await database.close();
  });
  afterAll(async () => { await cleanup(); });

  const run = (killAfterStartMs?: number) => new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (chunk: Buffer) => {
      if (killAfterStartMs !== undefined && chunk.toString().includes('fan-out starting')) setTimeout(() => p.kill('SIGKILL'), killAfterStartMs);
    });
    p.on('exit', (code) => resolve(code));
  });

  it('leaves either nothing or everything, and after a restart every guardian exactly once', { timeout: 180_000 }, async () => {
    expect(await run(150)).toBeNull();
    const between = await open();
    const half = await sql<{ n: number; sent: Date | null }>`
      SELECT (SELECT count(*)::int FROM announcement_recipients WHERE announcement_id = ${announcementId}) AS n,
             (SELECT sent_at FROM announcements WHERE id = ${announcementId}) AS sent`.execute(between.db);
    // One transaction: killed before its commit, nothing of it is there; after, all of it.
    const { n, sent } = half.rows[0]!;
    if (n === 0) expect(sent).toBeNull();
    else expect(sent).not.toBeNull();
    await between.close();

    expect(await run()).toBe(0);
    const after = await open();
    const counts = await sql<{ rows: number; people: number; expected: number; outbox: number; outbox_unique: number }>`
      SELECT (SELECT count(*)::int FROM announcement_recipients WHERE announcement_id = ${announcementId}) AS rows,
             (SELECT count(DISTINCT person_id)::int FROM announcement_recipients WHERE announcement_id = ${announcementId}) AS people,
             (SELECT count(DISTINCT guardian_id)::int FROM guardian_access(${osloDate(new Date())}::date)) AS expected,
             (SELECT count(*)::int FROM notification_outbox WHERE subject_id = ${announcementId}) AS outbox,
             (SELECT count(DISTINCT (person_id, channel))::int FROM notification_outbox WHERE subject_id = ${announcementId}) AS outbox_unique`.execute(after.db);
    await after.close();
    const c = counts.rows[0]!;
    expect(c.rows).toBe(c.people);
    expect(c.people).toBe(c.expected);
    expect(c.people).toBeGreaterThan(8_000);
    expect(c.outbox).toBe(c.outbox_unique);
    expect(c.outbox).toBeGreaterThan(0);
  });
});
