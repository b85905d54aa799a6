// Another module's notifications through the topic registry: a test topic, a set of recipients chosen by a
// query, a real SMTP server on loopback (mails parsed back with mailparser) and the loopback push service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { translate } from '../i18n/catalogs';
import { deliverDue } from './notifications.service';
import { emailChannel } from './channels';
import { loadVapidKeys, pushChannel } from './push.service';
import { enqueueNotifications, registerTopic } from './topics.service';
import { startTestPushService, type TestPushService } from './testing/push-service';

const TITLES: Record<string, string> = { nb: 'Husk foreldremøtet', nn: 'Hugs foreldremøtet', en: 'Remember the parent meeting' };
const seen = new Set<string>();
registerTopic('test-reminder', {
  async render(_db, subjectId, _personId, locale, publicUrl) {
    return { title: TITLES[locale]!, body: `Private details (${locale})`, url: new URL(`/reminders/${subjectId}`, publicUrl).toString() };
  },
  async isRead(_db, subjectId, personId) { return seen.has(`${subjectId}:${personId}`); },
});

describe('notifications from another module, through a registered topic', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let push: TestPushService;
  let email: ReturnType<typeof emailChannel>;
  const mails: ParsedMail[] = [];
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const deliver = () => deliverDue({ db: t.database.db, clock: t.clock, log: t.app.log }, {
    email, push: pushChannel(t.database.db, () => loadVapidKeys(t.database.db, t.config), t.clock),
  }, options);
  const guardiansOf3A = () => t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
    .select('g.guardian_id as person_id').where('e.group_id', '=', t.demo.groups['3A']).where('g.parental_responsibility', '=', true);
  const mailTo = (address: string) => mails.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === address);
  const notify = async (subjectId: string, confidential: boolean) => {
    await enqueueNotifications(t.database.db, { topic: 'test-reminder', subjectId, category: 'practical', confidential, at: t.clock.now(), recipients: guardiansOf3A() });
  };
  let kari: { email: string };

  beforeAll(async () => {
    t = await createTestApp();
    smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, done) { simpleParser(stream).then((m) => { mails.push(m); done(); }, done); } });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    email = emailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Tillit <no-reply@tillit.test>');
    push = await startTestPushService(async () => (await loadVapidKeys(t.database.db, t.config)).publicKey);
    // Kari reads Tillit in English and has it on her phone; Emma's other guardians keep the defaults.
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', t.demo.people.kari).execute();
    const session: Session = await t.loginAs(t.demo.users.kari);
    await t.send('POST', '/api/me/push-subscriptions', push.subscribe('kari-phone'), session);
    kari = await t.database.db.selectFrom('persons').select('email').where('id', '=', t.demo.people.kari).executeTakeFirstOrThrow() as { email: string };
  });
  beforeEach(async () => {
    mails.length = 0;
    push.received.length = 0;
    t.clock.set('2026-11-23T09:00:00Z');
    await t.database.db.deleteFrom('notification_outbox').execute();
  });
  afterAll(async () => {
    email.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await push.close();
    await t.close();
  });

  it('queues one notification per guardian and channel, however often the module asks', async () => {
    const subject = randomUUID();
    await notify(subject, false);
    await notify(subject, false);
    const rows = await t.database.db.selectFrom('notification_outbox').select(['person_id', 'channel']).where('subject_id', '=', subject).execute();
    const guardians = new Set((await guardiansOf3A().execute()).map((g) => g.person_id));
    expect(new Set(rows.map((r) => r.person_id))).toEqual(guardians);
    expect(rows.filter((r) => r.channel === 'email')).toHaveLength(guardians.size);
    expect(rows.filter((r) => r.channel === 'push').map((r) => r.person_id)).toEqual([t.demo.people.kari]);
  });

  it('pushes at once and e-mails after the escalation time, each in the guardian\'s own language', async () => {
    const subject = randomUUID();
    await notify(subject, false);
    await deliver();
    expect(push.received.map((p) => p.payload)).toEqual([expect.objectContaining({ title: 'Remember the parent meeting', body: 'Private details (en)' })]);
    expect(mails).toEqual([]);
    t.clock.set('2026-11-23T10:00:00Z');
    await deliver();
    expect(mailTo(kari.email).map((m) => m.subject)).toEqual(['Remember the parent meeting']);
    const others = mails.filter((m) => !mailTo(kari.email).includes(m));
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others.map((m) => m.subject))).toEqual(new Set(['Husk foreldremøtet']));
  });

  it('says only "you have a new message in Tillit" when the notification is confidential, by e-mail and by push', async () => {
    const subject = randomUUID();
    await notify(subject, true);
    t.clock.set('2026-11-23T10:00:00Z');
    await deliver();
    expect(push.received).toHaveLength(1);
    expect(JSON.stringify(push.received[0]!.payload)).not.toContain('Private');
    expect(JSON.stringify(push.received[0]!.payload)).not.toContain('parent meeting');
    expect(push.received[0]!.payload.body).toBe(translate('en', 'notify.generic.body'));
    const [mail] = mailTo(kari.email);
    expect(mail!.subject).toBe(translate('en', 'notify.generic.title'));
    expect(mail!.text).toContain(translate('en', 'notify.generic.body'));
    expect(mails.map((m) => `${m.subject} ${m.text}`).join('\n')).not.toMatch(/Private|foreldremøtet|parent meeting/);
  });

  it('does not e-mail a guardian who has already seen it in the app', async () => {
    const subject = randomUUID();
    await notify(subject, false);
    seen.add(`${subject}:${t.demo.people.kari}`);
    t.clock.set('2026-11-23T10:00:00Z');
    await deliver();
    expect(mailTo(kari.email)).toEqual([]);
    expect(push.received).toEqual([]);
    expect(mails.length).toBeGreaterThan(0);
  });

  it('gathers what a guardian chose to get as a daily digest into one e-mail at 17:00, leaving out what she has seen', async () => {
    const session = await t.loginAs(t.demo.users.kari);
    const put = (mode: string) => t.send('PUT', '/api/me/notification-preferences', { categories: { practical: mode }, quietFrom: 21, quietUntil: 7 }, session);
    expect((await put('digest')).statusCode).toBe(200);
    try {
      const subjects = [randomUUID(), randomUUID(), randomUUID()];
      for (const [i, subject] of subjects.entries()) {
        t.clock.set(`2026-11-23T${String(8 + 2 * i).padStart(2, '0')}:00:00Z`);
        await notify(subject, false);
        t.clock.set(`2026-11-23T${String(9 + 2 * i).padStart(2, '0')}:30:00Z`);
        await deliver();
      }
      expect(mailTo(kari.email)).toEqual([]);
      expect(push.received).toEqual([]);
      seen.add(`${subjects[1]}:${t.demo.people.kari}`);
      t.clock.set('2026-11-23T16:00:00Z'); // 17:00 in Oslo
      await deliver();
      await deliver();
      const digests = mailTo(kari.email);
      expect(digests).toHaveLength(1);
      expect(digests[0]!.subject).toBe('Today in Tillit: 2 new notifications');
      expect(digests[0]!.text).toContain(`https://tillit.example.no/reminders/${subjects[0]}`);
      expect(digests[0]!.text).toContain(`https://tillit.example.no/reminders/${subjects[2]}`);
      expect(digests[0]!.text).not.toContain(subjects[1]);
    } finally {
      await put('instant');
    }
  });

  it('refuses notifications of a topic no module registered', async () => {
    await expect(enqueueNotifications(t.database.db, { topic: 'nobody-knows', subjectId: randomUUID(), category: 'urgent', confidential: true, at: t.clock.now(), recipients: guardiansOf3A() }))
      .rejects.toThrow(/registerTopic/);
  });
});
