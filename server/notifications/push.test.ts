// Web Push through the real protocol: the browser's subscription is registered over the API, the worker sends
// with Tillit's VAPID key, and a push service on loopback checks the signature and decrypts the payload.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { loadConfig } from '../config';
import { translate } from '../i18n/catalogs';
import { deliverDue } from './notifications.service';
import { channelsFromConfig } from './worker';
import { loadVapidKeys } from './push.service';
import { startTestPushService, type TestPushService } from './testing/push-service';

describe('notifications by Web Push', () => {
  let t: TestApp;
  let push: TestPushService;
  let kari: Session;
  let ingrid: Session;
  const options = { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' };
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const deliver = () => deliverDue(sys(), channelsFromConfig(t.config, sys()), options);

  beforeAll(async () => {
    t = await createTestApp();
    push = await startTestPushService(async () => (await t.get('/api/notifications/vapid-public-key', kari)).json().publicKey);
    kari = await t.loginAs(t.demo.users.kari);
    ingrid = await t.loginAs(t.demo.users.ingrid);
    // Kari reads Tillit in English, on her phone, where she allowed notifications.
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', t.demo.people.kari).execute();
    expect((await t.send('POST', '/api/me/push-subscriptions', push.subscribe('kari-phone'), kari)).statusCode).toBe(200);
  });
  beforeEach(() => { push.received.length = 0; t.clock.set('2026-11-23T09:00:00Z'); });
  afterAll(async () => { await push.close(); await t.close(); });

  const announce = async (body: Record<string, unknown> = {}) =>
    (await t.send('POST', '/api/announcements', { title: 'Tur til skogen', body: 'Vi går til skogen torsdag. Ta med matpakke.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, ...body }, ingrid)).json() as { id: string };

  it('tells a guardian on her phone of a new announcement at once, encrypted for her browser and signed by Tillit', async () => {
    const { id } = await announce();
    await deliver();
    expect(push.rejected).toEqual([]);
    expect(push.received).toHaveLength(1);
    const [p] = push.received;
    expect(p!.payload).toMatchObject({ title: expect.stringContaining('Tur til skogen'), body: 'Vi går til skogen torsdag. Ta med matpakke.', url: `https://tillit.example.no/announcements/${id}` });
    expect(p!.headers).toMatchObject({ ttl: '86400', urgency: 'normal' });
    expect(p!.jwt.sub).toMatch(/^mailto:/);
    // The e-mail still waits: the push may be enough.
    const rows = await t.database.db.selectFrom('notification_outbox').select(['channel', 'status']).where('subject_id', '=', id).where('person_id', '=', t.demo.people.kari).execute();
    expect(rows).toEqual(expect.arrayContaining([{ channel: 'push', status: 'sent' }]));
    expect(rows.find((r) => r.channel === 'email')?.status).not.toBe('sent');
  });

  it('never puts what a teacher wrote in a conversation into a push, only that there is a message, in the guardian\'s language', async () => {
    const text = 'Emma har hatt en vanskelig dag og gråt i friminuttet.';
    expect((await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'I dag', body: text, tone: 'neutral' }, ingrid)).statusCode).toBe(200);
    await deliver();
    const [p] = push.received.filter((r) => r.browser === 'kari-phone');
    expect(p).toBeDefined();
    expect(JSON.stringify(p!.payload)).not.toContain('gråt');
    expect(JSON.stringify(p!.payload)).not.toContain('I dag');
    expect(p!.payload.body).toBe(translate('en', 'notify.message.body', { sender: 'Ingrid Berg', school: 'Solbakken skole' }));
  });

  it('asks the push service to hurry with an urgent announcement', async () => {
    await announce({ category: 'urgent', title: 'Stengt skole', body: 'Skolen er stengt i dag.' });
    await deliver();
    expect(push.received.map((r) => r.headers.urgency)).toEqual(['high']);
  });

  it('forgets a browser whose subscription the push service says is gone, and does not try it again', async () => {
    push.answer('kari-phone', 410);
    const { id } = await announce({ title: 'Avlyst' });
    await deliver();
    expect(await t.database.db.selectFrom('push_subscriptions').select('id').where('person_id', '=', t.demo.people.kari).execute()).toEqual([]);
    const row = await t.database.db.selectFrom('notification_outbox').select(['status', 'outcome']).where('subject_id', '=', id).where('person_id', '=', t.demo.people.kari).where('channel', '=', 'push').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'skipped', outcome: 'no_channel' });
  });

  it('retries a push the push service could not take right now', async () => {
    const again = push.subscribe('kari-tablet');
    expect((await t.send('POST', '/api/me/push-subscriptions', again, kari)).statusCode).toBe(200);
    push.answer('kari-tablet', 503);
    const { id } = await announce({ title: 'Foreldremøte' });
    await deliver();
    const row = () => t.database.db.selectFrom('notification_outbox').select(['status', 'outcome']).where('subject_id', '=', id).where('person_id', '=', t.demo.people.kari).where('channel', '=', 'push').executeTakeFirstOrThrow();
    expect(await row()).toEqual({ status: 'pending', outcome: 'retry' });
    push.answer('kari-tablet', 201);
    t.clock.set('2026-11-23T09:03:00Z');
    await deliver();
    expect(await row()).toMatchObject({ status: 'sent' });
    expect(push.received.map((r) => r.payload.title)).toEqual([expect.stringContaining('Foreldremøte')]);
  });

  it('lets a guardian turn push off for a browser, and nobody else\'s', async () => {
    const mine = push.subscribe('kari-laptop');
    await t.send('POST', '/api/me/push-subscriptions', mine, kari);
    const per = await t.loginAs(t.demo.users.per);
    expect((await t.send('DELETE', '/api/me/push-subscriptions', { endpoint: mine.endpoint }, per)).statusCode).toBe(200);
    expect(await t.database.db.selectFrom('push_subscriptions').select('person_id').where('endpoint', '=', mine.endpoint).execute()).toEqual([{ person_id: t.demo.people.kari }]);
    expect((await t.send('DELETE', '/api/me/push-subscriptions', { endpoint: mine.endpoint }, kari)).statusCode).toBe(200);
    expect(await t.database.db.selectFrom('push_subscriptions').select('id').where('endpoint', '=', mine.endpoint).execute()).toEqual([]);
  });

  it('makes one key pair for the whole installation, even when two servers start at once, unless keys are configured', async () => {
    await t.database.db.deleteFrom('vapid_keys').execute();
    const [a, b] = await Promise.all([loadVapidKeys(t.database.db, t.config), loadVapidKeys(t.database.db, t.config)]);
    expect(a.publicKey).toBe(b.publicKey);
    expect((await t.get('/api/notifications/vapid-public-key', kari)).json()).toEqual({ publicKey: a.publicKey });
    const configured = loadConfig({ TILLIT_DATA_DIR: '.tmp/unused', TILLIT_VAPID_PUBLIC_KEY: `B${'x'.repeat(86)}`, TILLIT_VAPID_PRIVATE_KEY: 'y'.repeat(43), TILLIT_VAPID_SUBJECT: 'mailto:drift@kommune.example' });
    expect(await loadVapidKeys(t.database.db, configured)).toEqual({ publicKey: `B${'x'.repeat(86)}`, privateKey: 'y'.repeat(43), subject: 'mailto:drift@kommune.example' });
  });
});
