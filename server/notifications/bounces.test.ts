// A bounced e-mail address, through the real parts: a loopback mail server that refuses the mailbox at RCPT TO
// (550 5.1.1), the outbox, the reach view and the next announcement's channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { deliverDue } from './notifications.service';
import { emailChannel } from './channels';
import { findOutbox } from './notifications.repo';
import { startTestSmtpServer, type TestSmtpServer } from './testing/smtp-server';

describe('an e-mail address that bounces', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let email: ReturnType<typeof emailChannel>;
  let ingrid: Session;
  let mother: { id: string; email: string };
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startTestSmtpServer();
    email = emailChannel(smtp.url, 'Tillit <no-reply@tillit.test>');
    ingrid = await t.loginAs(t.demo.users.ingrid);
    // A classmate's mother: no login, no phone on file, and an address whose mailbox no longer exists.
    const row = await t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .innerJoin('persons as p', 'p.id', 'g.guardian_id').select(['p.id', 'p.email'])
      .where('e.group_id', '=', t.demo.groups['3A']).where('e.student_id', '!=', t.demo.people.emma).executeTakeFirstOrThrow();
    mother = { id: row.id, email: row.email! };
    await t.database.db.updateTable('persons').set({ phone: null }).where('id', '=', mother.id).execute();
    smtp.unknownMailboxes.add(mother.email);
  });
  afterAll(async () => {
    email.close();
    await smtp.close();
    await t.close();
  });

  const announce = async (title: string) =>
    (await t.send('POST', '/api/announcements', { title, body: 'Husk gymtøy.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid)).json() as { id: string };
  const noChannel = async () => {
    const reach = (await t.get(`/api/groups/${t.demo.groups['3A']}/reach`, ingrid)).json() as { noChannel: { guardians: { personId: string; emailBounced: boolean }[] }[] };
    return reach.noChannel.flatMap((l) => l.guardians);
  };

  it('is marked bounced when the mail server refuses it for good, and is not tried again', async () => {
    expect(await noChannel()).toEqual([]);
    t.clock.set('2026-11-23T09:00:00Z');
    const { id } = await announce('Gymtøy');
    t.clock.set('2026-11-23T10:01:00Z');
    await deliverDue(sys(), { email }, options);
    const row = (await findOutbox(t.database.db, id)).find((o) => o.person_id === mother.id && o.channel === 'email');
    expect(row).toMatchObject({ status: 'failed', outcome: 'bounced', attempts: 1 });
    // The others got theirs.
    expect(smtp.mails.length).toBeGreaterThan(3);
    expect(smtp.mailTo(mother.email)).toEqual([]);
    // Without the app, an e-mail that arrives or a phone, nothing reaches her: the teacher sees it.
    expect(await noChannel()).toEqual([expect.objectContaining({ personId: mother.id, emailBounced: true })]);
  });

  it('counts as no e-mail for the next announcement, so a phone gets an SMS instead', async () => {
    await t.database.db.updateTable('persons').set({ phone: '+47 955 55 555' }).where('id', '=', mother.id).execute();
    expect(await noChannel()).toEqual([]);
    t.clock.set('2026-11-24T09:00:00Z');
    const { id } = await announce('Skidag');
    const hers = (await findOutbox(t.database.db, id)).filter((o) => o.person_id === mother.id).map((o) => o.channel);
    expect(hers).toEqual(['sms']);
  });

  it('is cleared by a new address', async () => {
    await t.database.db.updateTable('persons').set({ phone: null, email: 'ny.adresse@example.no' }).where('id', '=', mother.id).execute();
    expect(await noChannel()).toEqual([]);
    t.clock.set('2026-11-25T09:00:00Z');
    const { id } = await announce('Foreldremøte');
    t.clock.set('2026-11-25T10:01:00Z');
    await deliverDue(sys(), { email }, options);
    expect((await findOutbox(t.database.db, id)).find((o) => o.person_id === mother.id)).toMatchObject({ channel: 'email', status: 'sent' });
    expect(smtp.mailTo('ny.adresse@example.no')).toHaveLength(1);
  });
});
