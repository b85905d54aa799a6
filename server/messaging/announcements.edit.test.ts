// Changing a scheduled announcement before it goes out (PUT /api/announcements/:id, GET …/edit): its text, time and
// audience, the same content check and "not in the past" as on creation, never once it has been sent or cancelled
// (not even when the worker sends it at that very moment), and only by those who may cancel it. Through the HTTP API
// on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { sendDueAnnouncements } from './announcements.service';
import { fanOut, findDueAnnouncements, lockDueAnnouncement } from './announcements.repo';
import { osloDate } from '@shared/dates';
import type { Audience, SentAnnouncement } from '@shared/contracts/messaging';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

type Res = Awaited<ReturnType<TestApp['get']>>;
const errorOf = (res: Res) => (res.json() as { error: { code: string; issues?: { path: string; code: string; message: string }[] } }).error;

describe('changing a scheduled announcement', () => {
  let t: TestApp;
  let ingrid: Session;
  let marit: Session;
  let kari: Session;
  const class3A = (): Audience => ({ type: 'groups', groupIds: [t.demo.groups['3A']] });
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const inHours = (hours: number) => new Date(t.clock.now().getTime() + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    [ingrid, marit, kari] = await Promise.all([t.loginAs(t.demo.users.ingrid), t.loginAs(t.demo.users.marit), t.loginAs(t.demo.users.kari)]);
  });
  afterAll(async () => { await t.close(); });

  /** Ingrid schedules an announcement to 3A (or what `body` says) for tomorrow. */
  const schedule = async (body: Record<string, unknown> = {}, session = ingrid): Promise<string> => {
    const res = await t.send('POST', '/api/announcements', {
      title: 'Juleavslutning', body: 'Juleavslutningen er i gymsalen kl. 17.', category: 'information', audience: class3A(), sendAt: inHours(24), ...body,
    }, session);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ scheduled: true });
    return res.json().id as string;
  };
  const change = (id: string, body: Record<string, unknown>, session = ingrid) => t.send('PUT', `/api/announcements/${id}`, body, session);
  const stored = (id: string) => t.database.db.selectFrom('announcements')
    .select(['title', 'body', 'category', 'requires_ack', 'send_at', 'audience', 'sent_at', 'edited_at', 'edited_by']).where('id', '=', id).executeTakeFirstOrThrow();
  const sentItem = async (id: string, session = ingrid): Promise<SentAnnouncement | undefined> =>
    ((await t.get('/api/announcements/sent', session)).json() as { announcements: SentAnnouncement[] }).announcements.find((a) => a.id === id);
  const recipientsOf = async (id: string) =>
    (await t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).execute()).map((r) => r.person_id);

  it('changes its title, text and time; the sent list shows it, and it goes out as changed at the new time only', async () => {
    const id = await schedule();
    const form = await t.get(`/api/announcements/${id}/edit`, ingrid);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({
      id, title: 'Juleavslutning', body: 'Juleavslutningen er i gymsalen kl. 17.', category: 'information', audience: class3A(),
      parentalResponsibilityOnly: true, includeStudents: false, requiresAck: false, confidential: false, sendAt: inHours(24), attachments: [], editedAt: null,
    });

    const later = inHours(48);
    const res = await change(id, { title: 'Juleavslutning i gymsalen', body: 'Juleavslutningen er i gymsalen kl. 18.', sendAt: later, requiresAck: true, category: 'practical' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, sendAt: later, editedAt: t.clock.now().toISOString() });
    expect(await stored(id)).toMatchObject({
      title: 'Juleavslutning i gymsalen', body: 'Juleavslutningen er i gymsalen kl. 18.', category: 'practical', requires_ack: true,
      send_at: new Date(later), sent_at: null, edited_at: t.clock.now(), edited_by: t.demo.people.ingrid,
    });
    expect(await sentItem(id)).toMatchObject({ title: 'Juleavslutning i gymsalen', category: 'practical', requiresAck: true, sendAt: later, sentAt: null, mayCancel: true });
    expect((await t.get(`/api/announcements/${id}/edit`, ingrid)).json()).toMatchObject({ title: 'Juleavslutning i gymsalen', sendAt: later, editedAt: t.clock.now().toISOString() });

    // The old time comes and goes: nothing is sent. At the new one, the changed text goes out.
    const start = t.clock.now();
    t.clock.set(new Date(start.getTime() + 25 * 3_600_000));
    expect(await sendDueAnnouncements(sys())).not.toContain(id);
    expect(await recipientsOf(id)).toEqual([]);
    t.clock.set(later);
    expect(await sendDueAnnouncements(sys())).toContain(id);
    const view = await t.get(`/api/announcements/${id}`, kari);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ title: 'Juleavslutning i gymsalen', body: 'Juleavslutningen er i gymsalen kl. 18.', requiresAck: true, category: 'practical' });
    t.clock.set(start);
  });

  it('leaves out what the request leaves out, and keeps the attachments', async () => {
    const id = await schedule({ attachments: [{ filename: 'kart.png', contentType: 'image/png', dataBase64: PNG }], confidential: true, requiresAck: true });
    const res = await change(id, { title: 'Juleavslutning med kart' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.get(`/api/announcements/${id}/edit`, ingrid)).json()).toMatchObject({
      title: 'Juleavslutning med kart', body: 'Juleavslutningen er i gymsalen kl. 17.', category: 'information', requiresAck: true, confidential: true,
      sendAt: inHours(24), attachments: [{ filename: 'kart.png', contentType: 'image/png' }],
    });
  });

  it('checks a new text as on creation: the warnings it was shown confirm only that text', async () => {
    const id = await schedule();
    const named = await change(id, { body: 'Emma Nordmann har nøtteallergi, så ta ikke med nøtter.' });
    expect(named.statusCode).toBe(409);
    const warnings = errorOf(named).issues!.map((i) => ({ kind: i.code, detail: i.message }));
    expect(warnings).toEqual([{ kind: 'health_information', detail: 'nøtteallergi' }, { kind: 'names_other_student', detail: 'Emma Nordmann' }]);
    expect((await stored(id)).body).toBe('Juleavslutningen er i gymsalen kl. 17.');

    // The confirmed warnings do not cover a text that names someone else, or holds another health word.
    const other = await change(id, { body: 'Emma Nordmann har nøtteallergi og astma.', confirmWarnings: warnings });
    expect(other.statusCode).toBe(409);
    expect(errorOf(other).issues!.find((i) => i.code === 'health_information')!.message).toBe('nøtteallergi, astma');
    expect((await stored(id)).body).toBe('Juleavslutningen er i gymsalen kl. 17.');

    const confirmed = await change(id, { body: 'Emma Nordmann har nøtteallergi, så ta ikke med nøtter.', confirmWarnings: warnings });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await stored(id)).body).toBe('Emma Nordmann har nøtteallergi, så ta ikke med nøtter.');
    // A new time or type is not a new text: the text confirmed above is not asked about again.
    expect((await change(id, { sendAt: inHours(30), category: 'practical' })).statusCode).toBe(200);
    // A new title is: the whole text is checked again.
    expect((await change(id, { title: 'Nøtter' })).statusCode).toBe(409);
  });

  it('changes whom it goes to within what the person may announce to: resolved when it is sent', async () => {
    const id = await schedule();
    // Ingrid teaches 1A too (faglærer), not 5B (Nils's class).
    const other = await change(id, { audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } });
    expect(other.statusCode).toBe(404);
    expect((await stored(id)).audience).toEqual(class3A());
    expect((await change(id, { audience: { type: 'students', studentIds: [t.demo.people.jonas] } })).statusCode).toBe(404);

    const to1A = await change(id, { audience: { type: 'groups', groupIds: [t.demo.groups['1A']] } });
    expect(to1A.statusCode, to1A.body).toBe(200);
    expect(await sentItem(id)).toMatchObject({ audience: { type: 'groups', groups: ['1A'] } });
    // The school's rektor may send it to the whole school instead.
    expect((await change(id, { audience: { type: 'school', schoolId: t.demo.schools.solbakken } }, marit)).statusCode).toBe(200);
    expect((await change(id, { audience: { type: 'school', schoolId: t.demo.schools.fjellvang } }, marit)).statusCode).toBe(404);
    expect(await stored(id)).toMatchObject({ audience: { type: 'school', schoolId: t.demo.schools.solbakken }, edited_by: t.demo.people.marit });

    // Back to 1A, then sent: 1A's families get it, Kari (3A and 7A) does not.
    expect((await change(id, { audience: { type: 'groups', groupIds: [t.demo.groups['1A']] } })).statusCode).toBe(200);
    const start = t.clock.now();
    t.clock.set(inHours(24));
    expect(await sendDueAnnouncements(sys())).toContain(id);
    t.clock.set(start);
    const guardiansOf1A = await t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .select('g.guardian_id').where('e.group_id', '=', t.demo.groups['1A']).where('g.parental_responsibility', '=', true).execute();
    expect((await recipientsOf(id)).sort()).toEqual([...new Set(guardiansOf1A.map((g) => g.guardian_id))].sort());
    expect((await t.get(`/api/announcements/${id}`, kari)).statusCode).toBe(404);
  });

  it('refuses a time in the past, as on creation; a time within the last minute means now', async () => {
    const id = await schedule();
    const past = await change(id, { title: 'For sent', sendAt: new Date(t.clock.now().getTime() - 2 * 60_000).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past)).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body.sendAt', code: 'in_past' }] });
    expect(await stored(id)).toMatchObject({ title: 'Juleavslutning', send_at: new Date(inHours(24)), edited_at: null });

    const now = await change(id, { sendAt: new Date(t.clock.now().getTime() - 30_000).toISOString() });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().sendAt).toBe(t.clock.now().toISOString());
    // Still not sent by the request itself: the worker sends it at its next round.
    expect(await recipientsOf(id)).toEqual([]);
    expect(await sendDueAnnouncements(sys())).toContain(id);
    expect(await recipientsOf(id)).toContain(t.demo.people.kari);
  });

  it('is refused once the worker has sent it, and once it was cancelled: 409 no_longer_scheduled, nothing changed', async () => {
    const sent = await schedule({ sendAt: inHours(1) });
    const start = t.clock.now();
    t.clock.set(inHours(1));
    expect(await sendDueAnnouncements(sys())).toContain(sent);
    t.clock.set(start);
    const afterSending = await change(sent, { title: 'For sent' });
    expect(afterSending.statusCode).toBe(409);
    expect(errorOf(afterSending).code).toBe('no_longer_scheduled');
    expect((await t.get(`/api/announcements/${sent}/edit`, ingrid)).statusCode).toBe(409);
    expect(await stored(sent)).toMatchObject({ title: 'Juleavslutning', edited_at: null });
    expect((await sentItem(sent))!.mayCancel).toBe(false);

    const cancelled = await schedule();
    expect((await t.send('POST', `/api/announcements/${cancelled}/cancel`, {}, ingrid)).statusCode).toBe(200);
    const afterCancel = await change(cancelled, { title: 'Likevel' }, marit);
    expect(afterCancel.statusCode).toBe(409);
    expect(errorOf(afterCancel).code).toBe('no_longer_scheduled');
    expect((await t.get(`/api/announcements/${cancelled}/edit`, ingrid)).statusCode).toBe(409);
    expect(await stored(cancelled)).toMatchObject({ title: 'Juleavslutning', edited_at: null });
  });

  it('does not race the worker: a change asked for while it fans the announcement out is refused, and what went out is the text it sent', async () => {
    const id = await schedule({ sendAt: inHours(1) });
    const start = t.clock.now();
    t.clock.set(inHours(1));
    const now = t.clock.now();
    let change409: Promise<Res> | undefined;
    await t.database.db.transaction().execute(async (tx) => {
      // What sendDueAnnouncements does, held open while the change is asked for.
      const a = await lockDueAnnouncement(tx, id, now);
      expect(a?.id).toBe(id);
      await fanOut(tx, { id, audience: class3A(), parentalResponsibilityOnly: true, includeStudents: false, onDate: osloDate(now), sentAt: now });
      let settled = false;
      change409 = change(id, { title: 'Endret i siste liten' }).finally(() => { settled = true; });
      // On PostgreSQL the change runs beside this transaction: wait until it waits for the row (PGlite runs it after).
      if (t.database.kind === 'postgres') {
        const waiting = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`.execute(t.database.db)).rows[0]!.n);
        while (!settled && (await waiting()) === 0) await new Promise((r) => setImmediate(r));
      }
    });
    const res = await change409!;
    t.clock.set(start);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('no_longer_scheduled');
    expect(await stored(id)).toMatchObject({ title: 'Juleavslutning', edited_at: null, sent_at: now });
    expect((await t.get(`/api/announcements/${id}`, kari)).json()).toMatchObject({ title: 'Juleavslutning' });
  });

  it('moved later after the worker found it due: the worker leaves it until the new time', async () => {
    const id = await schedule({ sendAt: inHours(1) });
    const start = t.clock.now();
    t.clock.set(new Date(new Date(inHours(1)).getTime() + 60_000));
    const now = t.clock.now();
    expect((await findDueAnnouncements(t.database.db, now)).map((a) => a.id)).toContain(id);
    const later = inHours(2);
    expect((await change(id, { sendAt: later })).statusCode).toBe(200);
    expect(await t.database.db.transaction().execute((tx) => lockDueAnnouncement(tx, id, now))).toBeUndefined();
    expect(await sendDueAnnouncements(sys())).not.toContain(id);
    t.clock.set(later);
    expect(await sendDueAnnouncements(sys())).toContain(id);
    t.clock.set(start);
  });

  it('is for its author and the leaders of its school: not a guardian, another teacher, the office, another school, the owner', async () => {
    const id = await schedule();
    // A rektor of another school of the same owner (the demo has none at Fjellvang).
    const rektor = await t.database.db.insertInto('persons').values({ given_name: 'Rita', family_name: 'Haug' }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('staff_roles').values({ person_id: rektor.id, school_id: t.demo.schools.fjellvang, role: 'rektor', group_id: null, designated_for_protected: false }).execute();
    const user = await t.database.db.insertInto('users').values({ person_id: rektor.id, username: 'rita.haug' }).returning('id').executeTakeFirstOrThrow();
    const [rita, nils, hanne, tor, anders, per] = await Promise.all([user.id, t.demo.users.nils, t.demo.users.hanne, t.demo.users.tor, t.demo.users.anders, t.demo.users.per].map((u) => t.loginAs(u)));

    for (const [who, session] of [['kari', kari], ['per', per], ['nils', nils], ['hanne', hanne], ['tor', tor], ['rita', rita]] as const) {
      const put = await change(id, { title: 'Overtatt' }, session!);
      expect(put.statusCode, who).toBe(404);
      expect(Object.keys(put.json()), who).toEqual(['error']);
      expect((await t.get(`/api/announcements/${id}/edit`, session!)).statusCode, who).toBe(404);
    }
    // The owner's administrator follows it but did not decide to send it: as for cancelling, 403.
    expect(errorOf(await change(id, { title: 'Overtatt' }, anders!)).code).toBe('forbidden');
    expect((await t.get(`/api/announcements/${id}/edit`, anders!)).statusCode).toBe(403);
    expect(await stored(id)).toMatchObject({ title: 'Juleavslutning', edited_at: null });
    expect((await t.send('PUT', `/api/announcements/${id}`, { title: 'Overtatt' })).statusCode).toBe(401);

    const byRektor = await change(id, { title: 'Juleavslutning (rektor)' }, marit);
    expect(byRektor.statusCode, byRektor.body).toBe(200);
    expect(await stored(id)).toMatchObject({ title: 'Juleavslutning (rektor)', edited_by: t.demo.people.marit });
  });

  it('validates the change as the creation form: no empty title, no unknown type', async () => {
    const id = await schedule();
    expect((await change(id, { title: '  ' })).statusCode).toBe(400);
    expect((await change(id, { category: 'gossip' })).statusCode).toBe(400);
    expect((await change(id, { sendAt: 'tomorrow' })).statusCode).toBe(400);
    // A change of nothing is refused, not recorded as an edit.
    const nothing = await change(id, {});
    expect(nothing.statusCode).toBe(400);
    expect(errorOf(nothing)).toMatchObject({ code: 'validation_failed', issues: [{ code: 'nothing_to_change' }] });
    expect(await stored(id)).toMatchObject({ title: 'Juleavslutning', edited_at: null });
  });
});
