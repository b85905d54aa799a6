// SMS as the way to reach a guardian who has neither e-mail nor the app, through a loopback HTTP gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { translate } from '../i18n/catalogs';
import { deliverDue } from './notifications.service';
import { httpSmsChannel } from './channels';
import { pushChannel, loadVapidKeys } from './push.service';
import { startTestPushService, type TestPushService } from './testing/push-service';

describe('reaching a guardian who has only a phone number', () => {
  let t: TestApp;
  let ingrid: Session;
  let gateway: http.Server;
  let push: TestPushService;
  const texts: { to: string[]; message: string }[] = [];
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const channels = () => ({
    sms: httpSmsChannel(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, 'token', 'Tillit'),
    push: pushChannel(t.database.db, () => loadVapidKeys(t.database.db, t.config), t.clock),
  });

  beforeAll(async () => {
    t = await createTestApp();
    ingrid = await t.loginAs(t.demo.users.ingrid);
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { const b = JSON.parse(body); texts.push({ to: b.recipients, message: b.message }); res.writeHead(202).end('{}'); });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    push = await startTestPushService(async () => (await loadVapidKeys(t.database.db, t.config)).publicKey);
    // Kari has no e-mail address in the school's records, only a mobile number, and reads Tillit in English.
    await t.database.db.updateTable('persons').set({ email: null, phone: '+4791234567', preferred_language: 'en' }).where('id', '=', t.demo.people.kari).execute();
  });
  afterAll(async () => {
    await new Promise<void>((r) => gateway.close(() => r()));
    await push.close();
    await t.close();
  });

  const announce = async (title: string) =>
    (await t.send('POST', '/api/announcements', { title, body: 'Husk gymtøy.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid)).json() as { id: string };

  it('texts her an announcement she has not read within the escalation time', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const { id } = await announce('Gymtøy');
    await deliverDue(sys(), channels(), options);
    expect(texts).toEqual([]);
    t.clock.set('2026-11-23T10:00:00Z');
    await deliverDue(sys(), channels(), options);
    const message = translate('en', 'notify.announcement.sms', { from: 'Solbakken skole', title: 'Gymtøy', url: `https://tillit.example.no/announcements/${id}` });
    expect(texts).toEqual([{ to: ['+4791234567'], message }]);
  });

  it('does not text her once she gets notifications in the app', async () => {
    texts.length = 0;
    const browser = push.subscribe('kari-phone');
    expect((await t.send('POST', '/api/me/push-subscriptions', browser, await t.loginAs(t.demo.users.kari))).statusCode).toBe(200);
    t.clock.set('2026-11-24T09:00:00Z');
    const { id } = await announce('Skidag');
    t.clock.set('2026-11-24T11:00:00Z');
    await deliverDue(sys(), channels(), options);
    expect(texts).toEqual([]);
    expect(push.received.map((p) => p.payload.url)).toEqual([`https://tillit.example.no/announcements/${id}`]);
  });
});
