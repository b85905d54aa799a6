// Notifications through the real parts: an SMTP server on loopback (smtp-server), mails parsed back with
// mailparser, an HTTP SMS gateway on loopback, the outbox in the test database.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { deliverDue, endOfQuietHours } from './notifications.service';
import { emailChannel, httpSmsChannel, type Channels } from './channels';
import { findOutbox } from './notifications.repo';
import { startTestSmtpServer, type TestSmtpServer } from './testing/smtp-server';

describe('notifications by e-mail and SMS', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let sms: { server: http.Server; url: string; received: { auth?: string; body: { recipients: string[]; message: string } }[] };
  let channels: Channels;
  let ingrid: Session;
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const mailTo = (address: string) => smtp.mailTo(address);

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startTestSmtpServer();
    const received: { auth?: string; body: { recipients: string[]; message: string } }[] = [];
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => { data += c; });
      req.on('end', () => { received.push({ auth: req.headers.authorization, body: JSON.parse(data) }); res.writeHead(202).end('{}'); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    sms = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received };
    channels = { email: emailChannel(smtp.url, 'Tillit <no-reply@tillit.test>'), sms: httpSmsChannel(sms.url, 'test-token', 'Tillit') };
    ingrid = await t.loginAs(t.demo.users.ingrid);
    // Kari reads Tillit in English.
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', t.demo.people.kari).execute();
  });
  afterEach(() => { smtp.mails.length = 0; sms.received.length = 0; });
  afterAll(async () => {
    (channels.email as ReturnType<typeof emailChannel>).close();
    await smtp.close();
    await new Promise<void>((r) => sms.server.close(() => r()));
    await t.close();
  });

  const announce = async (body: Record<string, unknown>) =>
    (await t.send('POST', '/api/announcements', { title: 'Tur til skogen', body: 'Vi går til skogen torsdag. Ta med matpakke.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, ...body }, ingrid)).json();

  it('e-mails an unread announcement after the escalation time, in the guardian\'s language, and not one that was read', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const { id } = await announce({});
    expect(await deliverDue(sys(), channels, options)).not.toContainEqual(expect.objectContaining({ outcome: 'sent' }));
    expect(smtp.mails).toHaveLength(0);
    // A classmate's guardian reads it in the app within the hour.
    const classmate = (await t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).where('person_id', '!=', t.demo.people.kari).executeTakeFirstOrThrow()).person_id;
    await t.database.db.updateTable('announcement_recipients').set({ read_at: new Date('2026-11-23T09:10:00Z') }).where('announcement_id', '=', id).where('person_id', '=', classmate).execute();

    t.clock.set('2026-11-23T10:01:00Z');
    await deliverDue(sys(), channels, options);
    const kari = mailTo('kari.nordmann@example.no');
    expect(kari).toHaveLength(1);
    expect(kari[0]!.subject).toBe('Solbakken skole: Tur til skogen');
    expect(kari[0]!.text).toContain('Vi går til skogen torsdag.');
    expect(kari[0]!.text).toContain('Read and reply in Tillit: https://tillit.example.no/announcements/');
    expect(kari[0]!.headers.get('content-language')).toBe('en');
    const outbox = await findOutbox(t.database.db, id);
    expect(outbox.find((o) => o.person_id === classmate)).toMatchObject({ status: 'skipped', outcome: 'already_read' });
    expect(outbox.find((o) => o.person_id === t.demo.people.kari)).toMatchObject({ status: 'sent', attempts: expect.any(Number) });
    // A second pass sends nothing again.
    await deliverDue(sys(), channels, options);
    expect(mailTo('kari.nordmann@example.no')).toHaveLength(1);
    // The teacher's receipts say how each was told.
    const receipts = (await t.get(`/api/announcements/${id}/receipts`, ingrid)).json() as { recipients: { personId: string; notified: unknown }[] };
    const notified = new Map(receipts.recipients.map((r) => [r.personId, r.notified]));
    expect(notified.get(t.demo.people.kari)).toEqual([{ channel: 'email', state: 'sent' }]);
    expect(notified.get(classmate)).toEqual([{ channel: 'email', state: 'not_needed' }]);
  });

  it('writes in the language the guardian chose in the app, before the one the school registered', async () => {
    // The school registered English for Kari (beforeAll); she switched Tillit to nynorsk herself.
    const kari = await t.loginAs(t.demo.users.kari);
    expect((await t.send('PUT', '/api/me/locale', { locale: 'nn' }, kari)).statusCode).toBe(200);
    t.clock.set('2026-11-23T12:00:00Z');
    await announce({ category: 'urgent', title: 'Stengt gymsal' });
    await deliverDue(sys(), channels, options);
    const mail = mailTo('kari.nordmann@example.no')[0]!;
    expect(mail.headers.get('content-language')).toBe('nn');
    expect(mail.subject).toBe('VIKTIG: Solbakken skole: Stengt gymsal');
    expect(mail.text).toContain('Du får denne e-posten frå Tillit, meldingstenesta til skulen.');
    const text = sms.received.find((r) => r.body.recipients[0] === '+47 912 34 567')!.body.message;
    expect(text).toMatch(/^Tillit – Solbakken skole: Stengt gymsal\. Les meir: /);
    expect((await t.send('PUT', '/api/me/locale', { locale: null }, kari)).statusCode).toBe(200);
  });

  it('keeps the title and text of a confidential announcement out of e-mail and SMS', async () => {
    t.clock.set('2026-11-23T13:00:00Z');
    await announce({ category: 'urgent', confidential: true, title: 'Lus i klassen', body: 'Det er oppdaget hodelus hos flere elever.' });
    await deliverDue(sys(), channels, options);
    const mail = mailTo('kari.nordmann@example.no')[0]!;
    expect(mail.subject).toBe('URGENT: New announcement from Solbakken skole in Tillit');
    expect(mail.text).toContain('You have a new announcement from Solbakken skole in Tillit. Log in to read it.');
    const text = sms.received.find((r) => r.body.recipients[0] === '+47 912 34 567')!.body.message;
    expect(text).toMatch(/^Tillit – Solbakken skole: You have a new announcement\. Log in to read it: https:\/\/tillit\.example\.no\/announcements\//);
    for (const sent of [...smtp.mails.map((m) => `${m.subject}\n${m.text}`), ...sms.received.map((r) => r.body.message)]) {
      expect(sent).not.toMatch(/hodelus|Lus i klassen/);
    }
  });

  it('sends an urgent announcement at once by e-mail and SMS, even in quiet hours', async () => {
    t.clock.set('2026-11-23T22:30:00Z'); // 23:30 in Oslo
    await announce({ category: 'urgent', title: 'Stengt i morgen', body: 'Skolen er stengt i morgen på grunn av uvær.' });
    await deliverDue(sys(), channels, options);
    expect(mailTo('kari.nordmann@example.no')[0]?.subject).toBe('URGENT: Solbakken skole: Stengt i morgen');
    const toKari = sms.received.find((r) => r.body.recipients[0] === '+47 912 34 567');
    expect(toKari?.body.message).toMatch(/^Tillit – Solbakken skole: Stengt i morgen\. Read more: https:\/\/tillit\.example\.no\/announcements\//);
    expect(toKari?.auth).toBe('Bearer test-token');
  });

  it('holds an ordinary e-mail back until quiet hours end at 07:00 Oslo time', async () => {
    t.clock.set('2026-11-24T18:30:00Z');
    const { id } = await announce({ title: 'Kveldsbeskjed' });
    t.clock.set('2026-11-24T20:00:00Z'); // 21:00 in Oslo: quiet
    await deliverDue(sys(), channels, options);
    expect(smtp.mails).toHaveLength(0);
    const kariRow = (await findOutbox(t.database.db, id)).find((o) => o.person_id === t.demo.people.kari);
    expect(kariRow).toMatchObject({ status: 'pending', outcome: 'quiet_hours' });
    t.clock.set('2026-11-25T06:00:00Z'); // 07:00 in Oslo
    await deliverDue(sys(), channels, options);
    expect(mailTo('kari.nordmann@example.no')).toHaveLength(1);
  });

  it('never puts the text of a conversation message in an e-mail', async () => {
    t.clock.set('2026-11-26T09:00:00Z');
    await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Samtale', body: 'Emma har hatt en tung uke, kan vi snakke?' }, ingrid);
    t.clock.set('2026-11-26T10:30:00Z');
    await deliverDue(sys(), channels, options);
    const mail = mailTo('kari.nordmann@example.no')[0]!;
    expect(mail.subject).toBe('New message from Ingrid Berg in Tillit');
    expect(mail.text).not.toContain('tung uke');
    expect(mail.text).toContain('Ingrid Berg (Solbakken skole) has written to you in Tillit.');
  });

  it('respects a guardian who turned off a category, but never for urgent', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const put = await t.send('PUT', '/api/me/notification-preferences', { categories: { practical: 'off' }, quietFrom: 21, quietUntil: 7 }, kari);
    expect(put.statusCode).toBe(200);
    const refused = await t.send('PUT', '/api/me/notification-preferences', { categories: { urgent: 'off' }, quietFrom: 21, quietUntil: 7 }, kari);
    expect(refused.statusCode).toBe(400);
    t.clock.set('2026-11-27T09:00:00Z');
    const { id } = await announce({});
    t.clock.set('2026-11-27T10:30:00Z');
    await deliverDue(sys(), channels, options);
    expect(mailTo('kari.nordmann@example.no')).toHaveLength(0);
    expect((await findOutbox(t.database.db, id)).find((o) => o.person_id === t.demo.people.kari)).toMatchObject({ status: 'skipped', outcome: 'turned_off' });
    await t.send('PUT', '/api/me/notification-preferences', { categories: { practical: 'instant' }, quietFrom: 21, quietUntil: 7 }, kari);
  });

  it('retries when the mail server says try later, and sends once', async () => {
    t.clock.set('2026-11-28T09:00:00Z');
    await announce({ category: 'urgent', title: 'Prøv igjen' });
    smtp.rejectNext = 1_000;
    const first = await deliverDue(sys(), { email: channels.email }, options);
    expect(first.some((r) => r.outcome === 'retry')).toBe(true);
    smtp.rejectNext = 0;
    t.clock.set('2026-11-28T09:05:00Z');
    await deliverDue(sys(), { email: channels.email }, options);
    expect(mailTo('kari.nordmann@example.no')).toHaveLength(1);
  });

  it('sends each notification once when two workers deliver at the same time', async () => {
    t.clock.set('2026-11-29T09:00:00Z');
    await announce({ category: 'urgent', title: 'To arbeidere' });
    const [a, b] = await Promise.all([deliverDue(sys(), { email: channels.email }, options), deliverDue(sys(), { email: channels.email }, options)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const perAddress = new Map<string, number>();
    for (const m of smtp.mails) {
      const to = !Array.isArray(m.to) ? m.to?.value[0]?.address ?? '' : '';
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    }
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(perAddress.size).toBeGreaterThan(5);
  });
});

describe('quiet hours', () => {
  it('end at 07:00 Oslo time the next morning, in winter and in summer', () => {
    expect(endOfQuietHours(new Date('2026-11-23T21:30:00Z'), 21, 7).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(endOfQuietHours(new Date('2026-06-10T20:30:00Z'), 21, 7).toISOString()).toBe('2026-06-11T05:00:00.000Z');
    expect(endOfQuietHours(new Date('2026-11-24T03:00:00Z'), 21, 7).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    const noon = new Date('2026-11-24T11:00:00Z');
    expect(endOfQuietHours(noon, 21, 7)).toBe(noon);
  });

  it('end at the right hour on the night the clocks go forward', () => {
    // 28–29 March 2026: 02:00 becomes 03:00 in Oslo; 07:00 that morning is 05:00 UTC.
    expect(endOfQuietHours(new Date('2026-03-28T21:00:00Z'), 21, 7).toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });
});
