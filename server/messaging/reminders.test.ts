// Reminders through the real parts: the HTTP API in-process, the outbox in the test database, a mail server on
// loopback (smtp-server) whose mails are parsed back, and the injected clock for the escalation and the 24-hour rule.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { deliverDue } from '../notifications/notifications.service';
import { emailChannel, type Channels } from '../notifications/channels';
import { startTestSmtpServer, type TestSmtpServer } from '../notifications/testing/smtp-server';
import { REMINDER_TOPIC } from './reminders.service';

interface Receipts {
  total: number;
  recipients: { personId: string; readAt: string | null; remindedAt: string | null }[];
  reminders: { sent: { id: string; sentAt: string; sentBy: { givenName: string; familyName: string }; remindedCount: number }[]; remindable: number; nextReminderAt: string | null };
}

describe('reminding guardians who have not read an announcement', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let channels: Channels;
  let ingrid: Session;
  let kari: Session;
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const deliver = () => deliverDue({ db: t.database.db, clock: t.clock, log: t.app.log }, channels, options);
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? '' : m.to?.value[0]?.address ?? '');

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startTestSmtpServer();
    channels = { email: emailChannel(smtp.url, 'Tillit <no-reply@tillit.test>') };
    ingrid = await t.loginAs(t.demo.users.ingrid);
    kari = await t.loginAs(t.demo.users.kari);
  });
  afterEach(() => { smtp.mails.length = 0; });
  afterAll(async () => {
    (channels.email as ReturnType<typeof emailChannel>).close();
    await smtp.close();
    await t.close();
  });

  const announce = async (body: Record<string, unknown> = {}, session = ingrid) => {
    const res = await t.send('POST', '/api/announcements', {
      title: 'Tur til skogen', body: 'Vi går til skogen torsdag. Ta med matpakke.', category: 'practical',
      audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, ...body,
    }, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; recipientCount: number };
  };
  const remind = (id: string, session = ingrid) => t.send('POST', `/api/announcements/${id}/reminders`, {}, session);
  const receipts = async (id: string, session = ingrid) => (await t.get(`/api/announcements/${id}/receipts`, session)).json() as Receipts;
  const recipientsOf = (id: string) => t.database.db.selectFrom('announcement_recipients as r').innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.email']).where('r.announcement_id', '=', id).orderBy('r.person_id').execute();
  const reminderOutbox = (reminderId: string) => t.database.db.selectFrom('notification_outbox').select(['person_id', 'channel', 'status', 'outcome', 'confidential'])
    .where('topic', '=', REMINDER_TOPIC).where('subject_id', '=', reminderId).execute();
  /** Sends what the original announcement queued, so the mails that follow are the reminder's alone. */
  const flushOriginal = async (at: string) => {
    t.clock.set(at);
    await deliver();
    smtp.mails.length = 0;
  };

  it('reminds only those who have not read it, in each one\'s language, and the receipts show it', async () => {
    t.clock.set('2026-11-23T09:00:00Z'); // Monday, 10:00 in Oslo
    const { id } = await announce();
    const everyone = await recipientsOf(id);
    const [nynorsk, english, readsLater] = everyone.filter((r) => r.person_id !== t.demo.people.kari);
    await t.database.db.updateTable('persons').set({ preferred_language: 'nn' }).where('id', '=', nynorsk!.person_id).execute();
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', english!.person_id).execute();
    expect((await t.get(`/api/announcements/${id}`, kari)).statusCode).toBe(200);
    await flushOriginal('2026-11-23T10:01:00Z');

    t.clock.set('2026-11-23T10:05:00Z');
    const res = await remind(id);
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json() as { id: string; sentAt: string; remindedCount: number; nextReminderAt: string };
    expect(sent).toMatchObject({ sentAt: '2026-11-23T10:05:00.000Z', remindedCount: everyone.length - 1, nextReminderAt: '2026-11-24T10:05:00.000Z' });

    // Its own notification: one e-mail row per guardian who has not read it, none for Kari, who has.
    const rows = await reminderOutbox(sent.id);
    expect(rows.map((r) => r.person_id).sort()).toEqual(everyone.filter((r) => r.person_id !== t.demo.people.kari && r.email).map((r) => r.person_id).sort());
    expect(rows.every((r) => r.channel === 'email' && !r.confidential)).toBe(true);

    // The app first: no e-mail within the hour; one guardian reads it in the meantime and needs none.
    await deliver();
    expect(smtp.mails).toEqual([]);
    await t.database.db.updateTable('announcement_recipients').set({ read_at: new Date('2026-11-23T10:30:00Z') })
      .where('announcement_id', '=', id).where('person_id', '=', readsLater!.person_id).execute();
    t.clock.set('2026-11-23T11:06:00Z');
    await deliver();
    const expected = everyone.filter((r) => r.email && r.person_id !== t.demo.people.kari && r.person_id !== readsLater!.person_id).map((r) => r.email!);
    expect(smtp.mails.map(to).sort()).toEqual(expected.sort());
    expect(smtp.mails.map(to)).not.toContain('kari.nordmann@example.no');
    for (const m of smtp.mails) {
      const lang = to(m) === nynorsk!.email ? 'nn' : to(m) === english!.email ? 'en' : 'nb';
      expect(m.headers.get('content-language')).toBe(lang);
      expect(m.subject).toBe({ nb: 'Påminnelse fra Solbakken skole: Tur til skogen', nn: 'Påminning frå Solbakken skole: Tur til skogen', en: 'Reminder from Solbakken skole: Tur til skogen' }[lang]);
      expect(m.text).toContain({
        nb: 'Solbakken skole minner deg om denne beskjeden, som du ikke har lest ennå.',
        nn: 'Solbakken skole minner deg på denne beskjeden, som du ikkje har lese enno.',
        en: 'Solbakken skole is reminding you of this announcement, which you have not read yet.',
      }[lang]);
      expect(m.text).toContain('Vi går til skogen torsdag. Ta med matpakke.');
      expect(m.text).toContain(`https://tillit.example.no/announcements/${id}`);
    }
    expect((await reminderOutbox(sent.id)).find((r) => r.person_id === readsLater!.person_id)).toMatchObject({ status: 'skipped', outcome: 'already_read' });
    // Each recipient gets a reminder once per channel: another pass sends nothing more.
    const count = smtp.mails.length;
    await deliver();
    expect(smtp.mails).toHaveLength(count);

    const r = await receipts(id);
    expect(r.reminders.sent).toEqual([{ id: sent.id, sentAt: '2026-11-23T10:05:00.000Z', sentBy: { givenName: 'Ingrid', familyName: 'Berg' }, remindedCount: everyone.length - 1 }]);
    expect(r.reminders).toMatchObject({ remindable: everyone.length - 2, nextReminderAt: '2026-11-24T10:05:00.000Z' });
    const remindedAt = new Map(r.recipients.map((p) => [p.personId, p.remindedAt]));
    expect(remindedAt.get(t.demo.people.kari)).toBeNull();
    expect(remindedAt.get(nynorsk!.person_id)).toBe('2026-11-23T10:05:00.000Z');
    await t.database.db.updateTable('persons').set({ preferred_language: 'nb' }).where('id', 'in', [nynorsk!.person_id, english!.person_id]).execute();
  });

  it('reminds those who have read but not acknowledged an announcement that must be acknowledged', async () => {
    t.clock.set('2026-11-25T09:00:00Z');
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', t.demo.people.kari).execute();
    const { id, recipientCount } = await announce({ title: 'Foreldremøte', body: 'Foreldremøte torsdag kl. 18.', category: 'information', requiresAck: true });
    // Kari opens it but does not confirm; a classmate's guardian confirms.
    expect((await t.get(`/api/announcements/${id}`, kari)).statusCode).toBe(200);
    const confirmer = (await recipientsOf(id)).find((r) => r.person_id !== t.demo.people.kari)!;
    await t.database.db.updateTable('announcement_recipients').set({ read_at: t.clock.now(), acknowledged_at: t.clock.now() })
      .where('announcement_id', '=', id).where('person_id', '=', confirmer.person_id).execute();
    await flushOriginal('2026-11-25T10:01:00Z');

    const res = await remind(id);
    expect(res.json()).toMatchObject({ remindedCount: recipientCount - 1 });
    const rows = await reminderOutbox(res.json().id);
    expect(rows.map((r) => r.person_id)).toContain(t.demo.people.kari);
    expect(rows.map((r) => r.person_id)).not.toContain(confirmer.person_id);
    t.clock.set('2026-11-25T11:02:00Z');
    await deliver();
    const mail = smtp.mailTo('kari.nordmann@example.no');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Reminder from Solbakken skole: Foreldremøte');
    expect(mail[0]!.text).toContain('Solbakken skole asks you to confirm in Tillit that you have read this announcement.');
    expect(smtp.mailTo(confirmer.email!)).toEqual([]);
    await t.database.db.updateTable('persons').set({ preferred_language: 'nb' }).where('id', '=', t.demo.people.kari).execute();
  });

  it('keeps the title and text of a confidential announcement out of the reminder', async () => {
    t.clock.set('2026-11-26T09:00:00Z');
    const { id } = await announce({ confidential: true, title: 'Lus i klassen', body: 'Det er oppdaget hodelus hos flere elever.' });
    await flushOriginal('2026-11-26T10:01:00Z');
    const res = await remind(id);
    expect(res.statusCode, res.body).toBe(200);
    expect((await reminderOutbox(res.json().id)).every((r) => r.confidential)).toBe(true);
    t.clock.set('2026-11-26T11:02:00Z');
    await deliver();
    expect(smtp.mails.length).toBeGreaterThan(0);
    for (const m of smtp.mails) {
      expect(`${m.subject}\n${m.text}`).not.toMatch(/hodelus|Lus i klassen/);
      expect(m.subject).toBe('Påminnelse fra Solbakken skole i Tillit');
      expect(m.text).toContain('Solbakken skole minner deg om en beskjed i Tillit. Logg inn for å lese den.');
      expect(m.text).toContain(`https://tillit.example.no/announcements/${id}`);
    }
  });

  it('sends one reminder a day: a second within 24 hours is refused with the time the next can go', async () => {
    t.clock.set('2026-11-30T08:00:00Z');
    const { id } = await announce({ title: 'Skolefoto', body: 'Skolefotografen kommer onsdag.' });
    t.clock.set('2026-11-30T09:00:00Z');
    const first = (await remind(id)).json() as { id: string };

    t.clock.set('2026-12-01T08:59:59Z');
    const soon = await remind(id);
    expect(soon.statusCode).toBe(409);
    expect(soon.json().error).toMatchObject({ code: 'reminder_too_soon', issues: [{ path: 'nextReminderAt', code: 'reminder_too_soon', message: '2026-12-01T09:00:00.000Z' }] });
    expect((await receipts(id)).reminders.sent).toHaveLength(1);

    t.clock.set('2026-12-01T09:00:00Z');
    const second = await remind(id);
    expect(second.statusCode, second.body).toBe(200);
    // A notification of its own, beside the first one's.
    expect(second.json().id).not.toBe(first.id);
    expect((await reminderOutbox(second.json().id)).length).toBeGreaterThan(0);
    expect((await reminderOutbox(first.id)).length).toBe((await reminderOutbox(second.json().id)).length);
    const r = await receipts(id);
    expect(r.reminders.sent.map((s) => s.id)).toEqual([second.json().id, first.id]);
    expect(r.reminders.nextReminderAt).toBe('2026-12-02T09:00:00.000Z');
  });

  it('refuses an announcement that is scheduled or cancelled, and one everyone has read', async () => {
    t.clock.set('2026-12-02T09:00:00Z');
    const scheduled = await announce({ title: 'Juleavslutning', sendAt: '2026-12-10T09:00:00Z' });
    const notSent = await remind(scheduled.id);
    expect(notSent.statusCode).toBe(409);
    expect(notSent.json().error.code).toBe('announcement_not_sent');
    expect((await receipts(scheduled.id)).reminders).toEqual({ sent: [], remindable: 0, nextReminderAt: null });

    expect((await t.send('POST', `/api/announcements/${scheduled.id}/cancel`, {}, ingrid)).statusCode).toBe(200);
    const cancelled = await remind(scheduled.id);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.code).toBe('announcement_cancelled');

    // To Emma's family alone: Kari reads it, and nobody is left to remind.
    const own = await announce({ title: 'Takk', body: 'Takk for hjelpen i dag.', category: 'positive', audience: { type: 'students', studentIds: [t.demo.people.emma] } });
    for (const r of await recipientsOf(own.id)) {
      await t.database.db.updateTable('announcement_recipients').set({ read_at: t.clock.now() }).where('announcement_id', '=', own.id).where('person_id', '=', r.person_id).execute();
    }
    const nobody = await remind(own.id);
    expect(nobody.statusCode).toBe(409);
    expect(nobody.json().error.code).toBe('nobody_to_remind');
    const stored = await t.database.db.selectFrom('announcement_reminders').select('id').where('announcement_id', 'in', [scheduled.id, own.id]).execute();
    expect(stored).toEqual([]);
  });

  it('does not remind a guardian whose child has turned 18 since', async () => {
    t.clock.set('2026-12-03T09:00:00Z');
    const { id, recipientCount } = await announce({ title: 'Lesekveld', body: 'Lesekveld i biblioteket fredag.' });
    const classmate = (await t.database.db.selectFrom('announcement_recipients').select(['person_id', 'student_id'])
      .where('announcement_id', '=', id).where('person_id', '!=', t.demo.people.kari).executeTakeFirstOrThrow());
    const birth = await t.database.db.selectFrom('persons').select('birth_date').where('id', '=', classmate.student_id!).executeTakeFirstOrThrow();
    await t.database.db.updateTable('persons').set({ birth_date: '2008-12-04' }).where('id', '=', classmate.student_id!).execute();
    t.clock.set('2026-12-04T09:00:00Z'); // the 18th birthday
    const res = await remind(id);
    expect(res.json()).toMatchObject({ remindedCount: recipientCount - 1 });
    expect((await reminderOutbox(res.json().id)).map((r) => r.person_id)).not.toContain(classmate.person_id);
    await t.database.db.updateTable('persons').set({ birth_date: birth.birth_date }).where('id', '=', classmate.student_id!).execute();
  });

  it('lets the school\'s principal and the owner\'s administrator remind, and refuses a guardian, a teacher of another class and a principal of another school', async () => {
    t.clock.set('2026-12-07T09:00:00Z');
    // A session lasts 14 days (TILLIT_SESSION_DAYS): log in again at this later date.
    ingrid = await t.loginAs(t.demo.users.ingrid);
    const { id } = await announce({ title: 'Vinterferie', body: 'Husk vinterferien i uke 8.' });
    // Tor leads Fjellvang as its principal here (the demo has him as a teacher there).
    await t.database.db.insertInto('staff_roles').values({ person_id: t.demo.people.tor, school_id: t.demo.schools.fjellvang, role: 'rektor' }).execute();
    for (const who of ['kari', 'per', 'nils', 'tor'] as const) {
      const res = await remind(id, await t.loginAs(t.demo.users[who]));
      expect(res.statusCode, who).toBe(404);
      expect(Object.keys(res.json())).toEqual(['error']);
    }
    expect(await t.database.db.selectFrom('announcement_reminders').select('id').where('announcement_id', '=', id).execute()).toEqual([]);
    const marit = await remind(id, await t.loginAs(t.demo.users.marit));
    expect(marit.statusCode, marit.body).toBe(200);
    expect((await receipts(id)).reminders.sent[0]!.sentBy).toEqual({ givenName: 'Marit', familyName: 'Solheim' });
    // The owner's administrator may too; within the day, the answer says so.
    expect((await remind(id, await t.loginAs(t.demo.users.anders))).json().error.code).toBe('reminder_too_soon');
  });
});
