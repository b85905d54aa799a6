// Finding sent and scheduled announcements again (GET /api/announcements/sent), cancelling a scheduled one, and
// refusing a "send later" time that has passed: through the HTTP API on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { sendDueAnnouncements } from './announcements.service';
import { fanOut } from './announcements.repo';
import { osloDate } from '@shared/dates';
import type { SentAnnouncement } from '@shared/contracts/messaging';

interface Sessions { ingrid: Session; nils: Session; marit: Session; anders: Session; tor: Session; kari: Session; hanne: Session }

async function sessionsOf(t: TestApp): Promise<Sessions> {
  const u = t.demo.users;
  const [ingrid, nils, marit, anders, tor, kari, hanne] = await Promise.all([u.ingrid, u.nils, u.marit, u.anders, u.tor, u.kari, u.hanne].map((id) => t.loginAs(id)));
  return { ingrid: ingrid!, nils: nils!, marit: marit!, anders: anders!, tor: tor!, kari: kari!, hanne: hanne! };
}

const hourFromNow = (t: TestApp, hours = 1) => new Date(t.clock.now().getTime() + hours * 3_600_000).toISOString();

function helpers(t: TestApp) {
  const announce = async (session: Session, body: Record<string, unknown>): Promise<{ id: string; recipientCount: number; scheduled: boolean }> => {
    const res = await t.send('POST', '/api/announcements', { title: 'Foreldremøte', body: 'Velkommen til foreldremøte tirsdag kl. 18.', category: 'information', ...body }, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const sent = async (session: Session, query = ''): Promise<{ announcements: SentAnnouncement[]; nextBefore: string | null }> => {
    const res = await t.get(`/api/announcements/sent${query}`, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const ids = async (session: Session) => (await sent(session)).announcements.map((a) => a.id);
  return { announce, sent, ids };
}

describe('the announcements someone sent, to find again', () => {
  let t: TestApp;
  let s: Sessions;
  let h: ReturnType<typeof helpers>;
  /**
   * Ingrid's to 3A (Emma's family), Marit's to the whole school to acknowledge, Tor's scheduled at Fjellvang (whose 9A
   * has no students yet, so only a scheduled one can be made there), Anders's to every school, Ingrid's scheduled to 3A.
   */
  const made = { ingrid: '', ingridLater: '', marit: '', tor: '', anders: '' };
  beforeAll(async () => {
    t = await createTestApp();
    s = await sessionsOf(t);
    h = helpers(t);
    made.ingrid = (await h.announce(s.ingrid, { title: 'Turdag', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } })).id;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    made.marit = (await h.announce(s.marit, { title: 'Fri fredag', audience: { type: 'school', schoolId: t.demo.schools.solbakken }, requiresAck: true })).id;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    made.tor = (await h.announce(s.tor, { title: 'Tentamen', audience: { type: 'groups', groupIds: [t.demo.groups['9A']] }, sendAt: hourFromNow(t, 24) })).id;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    made.anders = (await h.announce(s.anders, { title: 'Stengt', category: 'urgent', audience: { type: 'owner', ownerId: t.demo.ownerId } })).id;
    made.ingridLater = (await h.announce(s.ingrid, { title: 'Juleavslutning', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt: hourFromNow(t, 48) })).id;
  });
  afterAll(async () => { await t.close(); });

  it("gives the author hers, the scheduled one first, with its audience, times and counts", async () => {
    const { announcements, nextBefore } = await h.sent(s.ingrid);
    expect(announcements.map((a) => a.id)).toEqual([made.ingridLater, made.ingrid]);
    expect(nextBefore).toBeNull();
    const [later, sentOne] = announcements as [SentAnnouncement, SentAnnouncement];
    expect(later).toMatchObject({
      title: 'Juleavslutning', sentAt: null, cancelledAt: null, recipients: 0, read: 0, acknowledged: 0, mayCancel: true,
      audience: { type: 'groups', groups: ['3A'] }, author: { givenName: 'Ingrid', familyName: 'Berg' },
    });
    expect(later.sendAt).toBe(hourFromNow(t, 48));
    expect(sentOne).toMatchObject({ title: 'Turdag', category: 'information', requiresAck: false, read: 0, acknowledged: 0, mayCancel: false, audience: { type: 'groups', groups: ['3A'] } });
    expect(sentOne.sentAt).not.toBeNull();
    const receipts = (await t.get(`/api/announcements/${made.ingrid}/receipts`, s.ingrid)).json();
    expect(receipts).toMatchObject({ requiresAck: false });
    expect(sentOne.recipients).toBe(receipts.total);
    expect(sentOne.recipients).toBeGreaterThan(0);
  });

  it('counts who has read and who has acknowledged, as the receipts do', async () => {
    const [sara, ali] = await Promise.all([t.loginAs(t.demo.users.sara), t.loginAs(t.demo.users.ali)]);
    const item = async () => (await h.sent(s.marit)).announcements.find((a) => a.id === made.marit)!;
    const total = (await t.get(`/api/announcements/${made.marit}/receipts`, s.marit)).json().total as number;
    expect(total).toBeGreaterThan(3);
    expect(await item()).toMatchObject({ recipients: total, read: 0, acknowledged: 0, requiresAck: true });
    // Kari opens it: read, not acknowledged.
    expect((await t.get(`/api/announcements/${made.marit}`, s.kari)).statusCode).toBe(200);
    expect(await item()).toMatchObject({ recipients: total, read: 1, acknowledged: 0 });
    // Sara acknowledges without opening it: that is read too. Ali opens it twice: read once.
    expect((await t.send('POST', `/api/announcements/${made.marit}/ack`, {}, sara)).statusCode).toBe(200);
    expect((await t.get(`/api/announcements/${made.marit}`, ali)).statusCode).toBe(200);
    expect((await t.get(`/api/announcements/${made.marit}`, ali)).statusCode).toBe(200);
    expect(await item()).toMatchObject({ recipients: total, read: 3, acknowledged: 1 });
    expect((await t.send('POST', `/api/announcements/${made.marit}/ack`, {}, s.kari)).statusCode).toBe(200);
    expect(await item()).toMatchObject({ recipients: total, read: 3, acknowledged: 2 });
    // The same figures as the receipts page, for everyone who sees them.
    expect((await t.get(`/api/announcements/${made.marit}/receipts`, s.marit)).json()).toMatchObject({ total, read: 3, acknowledged: 2, requiresAck: true });
    expect((await h.sent(s.anders)).announcements.find((a) => a.id === made.marit)).toMatchObject({ recipients: total, read: 3, acknowledged: 2 });
  });

  it("gives the rektor every announcement of her school, not another school's or the owner's", async () => {
    const mine = await h.sent(s.marit);
    expect(mine.announcements.map((a) => a.id)).toEqual([made.ingridLater, made.marit, made.ingrid]);
    expect(mine.announcements.find((a) => a.id === made.marit)!.audience).toEqual({ type: 'school', school: 'Solbakken skole' });
    // She leads the school: she may cancel the teacher's scheduled announcement.
    expect(mine.announcements.find((a) => a.id === made.ingridLater)!.mayCancel).toBe(true);
  });

  it("gives the owner's administrator every announcement of the owner, to follow but not to cancel", async () => {
    const all = await h.sent(s.anders);
    expect(all.announcements.map((a) => a.id)).toEqual([made.ingridLater, made.tor, made.anders, made.marit, made.ingrid]);
    expect(all.announcements.find((a) => a.id === made.anders)!.audience).toEqual({ type: 'owner', owner: 'Eksempel kommune' });
    expect(all.announcements.find((a) => a.id === made.ingridLater)!.mayCancel).toBe(false);
  });

  it("gives another teacher, the office and another school's teacher none of the others' announcements", async () => {
    expect(await h.ids(s.nils)).toEqual([]);
    expect(await h.ids(s.hanne)).toEqual([]);
    expect(await h.ids(s.tor)).toEqual([made.tor]);
  });

  it('refuses a guardian', async () => {
    const res = await t.get('/api/announcements/sent', s.kari);
    expect(res.statusCode).toBe(404);
    expect(Object.keys(res.json())).toEqual(['error']);
  });

  it('comes in pages, newest first, each continuing where the last one ended', async () => {
    const first = await h.sent(s.anders, '?limit=2');
    expect(first.announcements.map((a) => a.id)).toEqual([made.ingridLater, made.tor]);
    expect(first.nextBefore).toBe(made.tor);
    const second = await h.sent(s.anders, `?limit=2&before=${first.nextBefore}`);
    expect(second.announcements.map((a) => a.id)).toEqual([made.anders, made.marit]);
    const third = await h.sent(s.anders, `?limit=2&before=${second.nextBefore}`);
    expect(third).toEqual({ announcements: [expect.objectContaining({ id: made.ingrid })], nextBefore: null });
    // A page never reaches past what the asker may see: Ingrid's pages skip the others' in between.
    expect((await h.sent(s.ingrid, `?limit=1&before=${made.ingridLater}`)).announcements.map((a) => a.id)).toEqual([made.ingrid]);
    expect((await t.get('/api/announcements/sent?before=nonsense', s.anders)).statusCode).toBe(400);
  });
});

describe('cancelling a scheduled announcement', () => {
  let t: TestApp;
  let s: Sessions;
  let h: ReturnType<typeof helpers>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sessionsOf(t);
    h = helpers(t);
  });
  afterAll(async () => { await t.close(); });
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const cancel = (id: string, session: Session) => t.send('POST', `/api/announcements/${id}/cancel`, {}, session);

  it('by its author: kept, marked cancelled, and never sent when its time comes', async () => {
    const sendAt = hourFromNow(t);
    const { id } = await h.announce(s.ingrid, { title: 'Påminnelse', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt });
    const res = await cancel(id, s.ingrid);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, cancelledAt: t.clock.now().toISOString() });
    // Twice answers as once.
    expect((await cancel(id, s.ingrid)).json()).toEqual(res.json());

    const item = (await h.sent(s.ingrid)).announcements.find((a) => a.id === id)!;
    expect(item).toMatchObject({ cancelledAt: t.clock.now().toISOString(), sentAt: null, mayCancel: false });
    expect((await t.get(`/api/announcements/${id}/receipts`, s.ingrid)).json()).toMatchObject({ scheduledFor: null, cancelledAt: t.clock.now().toISOString(), total: 0 });
    const row = await t.database.db.selectFrom('announcements').select(['cancelled_by', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelled_by: t.demo.people.ingrid, title: 'Påminnelse' });

    t.clock.set(new Date(new Date(sendAt).getTime() + 60_000));
    expect(await sendDueAnnouncements(sys())).toEqual([]);
    const recipients = await t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).execute();
    expect(recipients).toEqual([]);
    expect((await t.get(`/api/announcements/${id}`, s.kari)).statusCode).toBe(404);
    expect((await t.get('/api/inbox', s.kari)).json().announcements.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('is refused by the database too: a cancelled announcement cannot be fanned out', async () => {
    const audience = { type: 'groups' as const, groupIds: [t.demo.groups['3A']] };
    const { id } = await h.announce(s.ingrid, { audience, sendAt: hourFromNow(t) });
    expect((await cancel(id, s.ingrid)).statusCode).toBe(200);
    const at = t.clock.now();
    await expect(t.database.db.transaction().execute((tx) => fanOut(tx, { id, audience, parentalResponsibilityOnly: true, includeStudents: false, onDate: osloDate(at), sentAt: at })))
      .rejects.toThrow(/announcements_cancelled_unsent_check/);
  });

  it("by the school's leader; not by another teacher (404), the office (404) or the owner's administrator (403)", async () => {
    const { id } = await h.announce(s.ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt: hourFromNow(t) });
    expect((await cancel(id, s.nils)).statusCode).toBe(404);
    expect((await cancel(id, s.hanne)).statusCode).toBe(404);
    expect((await cancel(id, s.tor)).statusCode).toBe(404);
    expect((await cancel(id, s.kari)).statusCode).toBe(404);
    const admin = await cancel(id, s.anders);
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('forbidden');
    expect((await t.database.db.selectFrom('announcements').select('cancelled_at').where('id', '=', id).executeTakeFirstOrThrow()).cancelled_at).toBeNull();
    expect((await cancel(id, s.marit)).statusCode).toBe(200);
    const row = await t.database.db.selectFrom('announcements').select('cancelled_by').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.cancelled_by).toBe(t.demo.people.marit);
  });

  it('is refused once it has been sent, with already_sent', async () => {
    const now = await h.announce(s.ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } });
    const res = await cancel(now.id, s.ingrid);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_sent');

    const sendAt = hourFromNow(t);
    const later = await h.announce(s.ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt });
    t.clock.set(sendAt);
    expect(await sendDueAnnouncements(sys())).toContain(later.id);
    const after = await cancel(later.id, s.marit);
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('already_sent');
    expect((await t.database.db.selectFrom('announcements').select('cancelled_at').where('id', '=', later.id).executeTakeFirstOrThrow()).cancelled_at).toBeNull();
  });
});

describe('a "send later" time', () => {
  let t: TestApp;
  let s: Sessions;
  beforeAll(async () => {
    t = await createTestApp();
    s = await sessionsOf(t);
  });
  afterAll(async () => { await t.close(); });
  const announce = (sendAt: string) => t.send('POST', '/api/announcements', {
    title: 'Foreldremøte', body: 'Velkommen.', category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt,
  }, s.ingrid);

  it('more than a minute ago is refused with a field issue, and nothing is sent', async () => {
    const count = async () => Number((await t.database.db.selectFrom('announcements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await announce(new Date(t.clock.now().getTime() - 2 * 60_000).toISOString());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body.sendAt', code: 'in_past' }] });
    expect(await count()).toBe(before);
  });

  it('within the last minute means now (the minute the form was filled in)', async () => {
    const res = await announce(new Date(t.clock.now().getTime() - 30_000).toISOString());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ scheduled: false });
    expect(res.json().recipientCount).toBeGreaterThan(0);
  });
});
