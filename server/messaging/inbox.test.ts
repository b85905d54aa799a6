// The inbox is kept per person and sent again while its stamp is unchanged (inbox.service.ts, migration 0018).
// Each test first asks for the inbox, so a page is kept, then changes one thing it is built from, mostly straight
// in SQL, where no service could tell the kept page, and asks again: the change must show at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { SESSION_COOKIE } from '../core/http';
import { findInboxOf, findInboxStamp } from './inbox.repo';

type Inbox = {
  conversations: { id: string; subject: string; unread: number; lastMessagePreview: string; student: { givenName: string } }[];
  announcements: { id: string; title: string; readAt: string | null; acknowledgedAt: string | null; author: { givenName: string } }[];
};

describe('the kept inbox', () => {
  let t: TestApp;
  let ingrid: Session;
  let kari: Session;
  const inbox = async (): Promise<Inbox> => {
    const res = await t.get('/api/inbox', kari);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.json();
  };
  const announce = async (title: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.send('POST', '/api/announcements', { title, body: 'Tekst.', category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, ...extra }, ingrid);
    expect(res.statusCode).toBe(200);
    return res.json().id;
  };
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ingrid = await t.loginAs(t.demo.users.ingrid);
    kari = await t.loginAs(t.demo.users.kari);
    const res = await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Lekser', body: 'Hvor mye lekser er det i uka?' }, kari);
    expect(res.statusCode).toBe(200);
    conversationId = res.json().conversationIds[0];
  });
  afterAll(async () => { await t.close(); });
  // Every test starts from a kept page.
  beforeEach(async () => { await inbox(); });

  it('reads the same stamp while nothing changes, the one the page was built with', async () => {
    const built = await findInboxOf(t.database.db, t.demo.people.kari, 20);
    expect(built.stamp).toMatch(/^\d+:(-?\d+|none):(-?\d+|none)$/);
    expect(await findInboxStamp(t.database.db, t.demo.people.kari, 20)).toBe(built.stamp);
    expect(await findInboxStamp(t.database.db, t.demo.people.kari, 20)).toBe(built.stamp);
    // The same bytes, twice.
    const [a, b] = [await t.get('/api/inbox', kari), await t.get('/api/inbox', kari)];
    expect(a.body).toBe(b.body);
    // Another person's stamp is their own.
    expect(await findInboxStamp(t.database.db, t.demo.people.ole, 20)).not.toBe(built.stamp);
  });

  it('shows a new announcement, and then that it was read and acknowledged', async () => {
    const id = await announce('Turdag', { requiresAck: true });
    const find = async () => (await inbox()).announcements.find((a) => a.id === id);
    expect(await find()).toMatchObject({ title: 'Turdag', readAt: null, acknowledgedAt: null });
    await sql`UPDATE announcement_recipients SET read_at = now() WHERE announcement_id = ${id} AND person_id = ${t.demo.people.kari}`.execute(t.database.db);
    expect(await find()).toMatchObject({ readAt: expect.any(String), acknowledgedAt: null });
    expect((await t.send('POST', `/api/announcements/${id}/ack`, {}, kari)).statusCode).toBe(200);
    expect(await find()).toMatchObject({ acknowledgedAt: expect.any(String) });
  });

  it('shows an announcement that lands inside the page with an older send time, as a late fan-out would', async () => {
    const id = await announce('Sen utsending');
    // Kari's row is taken away and a page kept without it ...
    const row = (await sql<Record<string, unknown>>`DELETE FROM announcement_recipients WHERE announcement_id = ${id} AND person_id = ${t.demo.people.kari} RETURNING *`.execute(t.database.db)).rows[0]!;
    const kept = (await inbox()).announcements;
    expect(kept.map((a) => a.id)).not.toContain(id);
    expect(kept.length).toBeGreaterThan(0);
    // ... then it comes back with a send time older than the newest on the page, as a fan-out that committed late.
    await sql`INSERT INTO announcement_recipients (announcement_id, person_id, student_id, kind, sent_at)
      VALUES (${id}, ${t.demo.people.kari}, ${row.student_id as string}, 'guardian', ${t.clock.now()}::timestamptz - interval '1 minute')`.execute(t.database.db);
    expect((await inbox()).announcements.map((a) => a.id)).toContain(id);
  });

  it('shows a new message, its preview and the unread count, and the count going back when it is read', async () => {
    // A minute after Kari wrote (the test clock stands still otherwise).
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const ingridsReply = await t.send('POST', `/api/conversations/${conversationId}/messages`, { body: 'Omtrent en time.' }, ingrid);
    expect(ingridsReply.statusCode).toBe(200);
    expect((await inbox()).conversations.find((c) => c.id === conversationId)).toMatchObject({ unread: 1, lastMessagePreview: 'Omtrent en time.' });
    expect((await t.get(`/api/conversations/${conversationId}`, kari)).statusCode).toBe(200);
    expect((await inbox()).conversations.find((c) => c.id === conversationId)).toMatchObject({ unread: 0 });
  });

  it('shows a changed subject, a changed message and a changed name, which reach the page through other rows', async () => {
    await sql`UPDATE conversations SET subject = 'Lekser i 3A' WHERE id = ${conversationId}`.execute(t.database.db);
    expect((await inbox()).conversations.find((c) => c.id === conversationId)).toMatchObject({ subject: 'Lekser i 3A' });
    await sql`UPDATE conversation_messages SET body = 'Rettet tekst.' WHERE id = (SELECT id FROM conversation_messages WHERE conversation_id = ${conversationId} ORDER BY created_at DESC LIMIT 1)`.execute(t.database.db);
    expect((await inbox()).conversations.find((c) => c.id === conversationId)).toMatchObject({ lastMessagePreview: 'Rettet tekst.' });
    await sql`UPDATE persons SET given_name = 'Emma Sofie' WHERE id = ${t.demo.people.emma}`.execute(t.database.db);
    expect((await inbox()).conversations.find((c) => c.id === conversationId)).toMatchObject({ student: { givenName: 'Emma Sofie' } });
    await sql`UPDATE persons SET given_name = 'Ingrid Marie' WHERE id = ${t.demo.people.ingrid}`.execute(t.database.db);
    expect((await inbox()).announcements[0]).toMatchObject({ author: { givenName: 'Ingrid Marie' } });
    await sql`UPDATE persons SET given_name = 'Emma' WHERE id = ${t.demo.people.emma}`.execute(t.database.db);
    await sql`UPDATE persons SET given_name = 'Ingrid' WHERE id = ${t.demo.people.ingrid}`.execute(t.database.db);
  });

  it('leaves out a conversation the moment its guardian is taken out of it', async () => {
    await sql`UPDATE conversation_participants SET removed_at = now() WHERE conversation_id = ${conversationId} AND person_id = ${t.demo.people.kari}`.execute(t.database.db);
    expect((await inbox()).conversations.map((c) => c.id)).not.toContain(conversationId);
    await sql`UPDATE conversation_participants SET removed_at = NULL WHERE conversation_id = ${conversationId} AND person_id = ${t.demo.people.kari}`.execute(t.database.db);
    expect((await inbox()).conversations.map((c) => c.id)).toContain(conversationId);
  });

  it('sends the page gzip-compressed to a client that takes it, the same page as to one that does not', async () => {
    const headers = { cookie: `${SESSION_COOKIE}=${kari.cookie}`, 'accept-encoding': 'gzip, deflate, br' };
    const page = async () => {
      const [plain, zipped] = [await t.get('/api/inbox', kari), await t.app.inject({ url: '/api/inbox', headers })];
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers['content-encoding']).toBe('gzip');
      for (const res of [plain, zipped]) expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
      return JSON.parse(plain.body) as Inbox;
    };
    await page();
    // A changed page is compressed anew.
    const id = await announce('Komprimert');
    expect((await page()).announcements[0]!.id).toBe(id);
    const refused = await t.app.inject({ url: '/api/inbox', headers: { ...headers, 'accept-encoding': 'gzip;q=0, *' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json().announcements[0].id).toBe(id);
  });

  it('leaves out what the 18th birthday closes, though no row of the inbox changes that day', async () => {
    const id = await announce('Siste beskjed');
    expect((await inbox()).announcements.map((a) => a.id)).toContain(id);
    const eighteenYearsAgo = new Date(t.clock.now().getTime() - 18 * 365.25 * 86_400_000 - 86_400_000);
    const born = (await sql<{ birth_date: string }>`SELECT birth_date::text FROM persons WHERE id = ${t.demo.people.emma}`.execute(t.database.db)).rows[0]!.birth_date;
    await sql`UPDATE persons SET birth_date = ${eighteenYearsAgo.toISOString().slice(0, 10)}::date WHERE id = ${t.demo.people.emma}`.execute(t.database.db);
    try {
      const after = await inbox();
      expect(after.announcements.map((a) => a.id)).not.toContain(id);
      expect(after.conversations.map((c) => c.id)).not.toContain(conversationId);
    } finally {
      await sql`UPDATE persons SET birth_date = ${born}::date WHERE id = ${t.demo.people.emma}`.execute(t.database.db);
    }
    expect((await inbox()).announcements.map((a) => a.id)).toContain(id);
  });
});
