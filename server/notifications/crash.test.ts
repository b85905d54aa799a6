// "A kill -9 of the server mid-sending loses nothing and duplicates nothing after restart": a real worker
// process is killed with SIGKILL while it sends e-mail to a real SMTP server, then started again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { generateMunicipality } from '../seed/generator';
import { insertMunicipality } from '../seed/municipality.repo';
import { fanOut, insertAnnouncement } from '../messaging/announcements.repo';
import { notifyAnnouncement } from './notifications.service';
import { withDatabase } from '../test/global-setup';

const child = path.join(import.meta.dirname, 'testing', 'deliver-child.ts');

describe('a worker killed mid-sending', () => {
  const received: { messageId: string; to: string }[] = [];
  let smtp: SMTPServer;
  let port = 0;
  let env: Record<string, string> = {};
  let cleanup = async () => {};
  let expected = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => { raw += c.toString(); });
        // A little latency, as a real mail server has, so the kill lands mid-way.
        stream.on('end', () => setTimeout(() => {
          received.push({ messageId: /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? '', to: session.envelope.rcptTo[0]?.address ?? '' });
          callback();
        }, 5));
      },
    });
    // The killed worker's connection ends in a reset: expected here, not an error of the test.
    smtp.on('error', () => undefined);
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    port = (smtp.server.address() as AddressInfo).port;

    // One process per embedded data directory; on PostgreSQL a database of its own.
    let database;
    if (process.env.TILLIT_TEST_DB === 'postgres') {
      const name = `tillit_crash_${process.pid}`;
      const admin = new pg.Client({ connectionString: process.env.TILLIT_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = withDatabase(process.env.TILLIT_TEST_PG_URL!, name);
      database = await openDatabase({ databaseUrl: url });
      env = { CRASH_DB_URL: url };
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tillit-crash-'));
      database = await openDatabase({ dataDir: dir });
      env = { CRASH_DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await migrate(database);
    const m = generateMunicipality({ students: 150, seed: 5, startYear: 2026 });
    await insertMunicipality(database.db, m);
    const now = new Date();
    const audience = { type: 'owner' as const, ownerId: m.owner.id };
    await database.db.transaction().execute(async (tx) => {
      const id = await insertAnnouncement(tx, { ownerId: m.owner.id, schoolId: null, authorId: m.ownerAdmins[0]!.person_id, title: 'Stengt', body: 'Skolen er stengt.', category: 'urgent', audience, parentalResponsibilityOnly: true, includeStudents: false, requiresAck: false, sendAt: now, at: now });
      await fanOut(tx, { id, audience, parentalResponsibilityOnly: true, includeStudents: false, onDate: '2026-11-22', sentAt: now });
      await notifyAnnouncement(tx, { id, category: 'urgent', confidential: false, at: now });
    });
    expected = Number((await database.db.selectFrom('notification_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('channel', '=', 'email').executeTakeFirstOrThrow()).n);
    await database.close();
  });

  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    await cleanup();
  });

  // node itself runs the worker (tsx as a loader), so the pid killed is the worker's, not a wrapper's.
  const start = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, ...env, CRASH_SMTP_PORT: String(port) }, stdio: 'inherit' });
  const exit = (p: ChildProcess) => new Promise<number | null>((r) => p.on('exit', (code) => r(code)));

  it('loses nothing and sends nothing twice, but for the one message in flight at the kill', { timeout: 120_000 }, async () => {
    expect(expected).toBeGreaterThan(100);
    const first = start();
    const firstExit = exit(first);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (received.length >= expected / 3) { clearInterval(poll); resolve(); }
      }, 5);
    });
    first.kill('SIGKILL');
    expect(await firstExit).toBeNull();
    const atKill = received.length;
    expect(atKill).toBeLessThan(expected);

    expect(await exit(start())).toBe(0);
    const byId = new Map<string, number>();
    for (const r of received) byId.set(r.messageId, (byId.get(r.messageId) ?? 0) + 1);
    // Every notification arrived: one distinct Message-ID per outbox row.
    expect(byId.size).toBe(expected);
    // A copy can repeat only if the mail server took it just before the kill and the mark "sent" never
    // committed; it then carries the same Message-ID, by which mail clients drop the duplicate.
    const repeated = [...byId.values()].filter((n) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(1);
    expect(received.length).toBeLessThanOrEqual(expected + 1);
  });
});
