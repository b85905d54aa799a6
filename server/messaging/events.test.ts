import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../test/harness';
import { SESSION_COOKIE } from '../core/http';
import { subscribe, type LiveEvent } from './events';

describe('live updates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => { await t.close(); });

  it("tells a guardian's open page about a new message without a reload", async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const { port } = t.app.server.address() as AddressInfo;
    let connected!: () => void;
    const isConnected = new Promise<void>((r) => { connected = r; });
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { cookie: `${SESSION_COOKIE}=${kari.cookie}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes(': connected')) connected();
          if (text.includes('event: conversation.message')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (err) => { if (!(err as NodeJS.ErrnoException).code?.includes('ECONNRESET')) reject(err); });
    });
    await isConnected;
    const sent = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Hei', body: 'En hilsen fra skolen.' }, await t.loginAs(t.demo.users.ingrid));
    const [conversationId] = sent.json().conversationIds;
    const text = await received;
    expect(text).toContain(`"id":"${conversationId}"`);
  });

  it("tells the others when a guardian reads the school's message, and not again when she opens it with nothing new", async () => {
    const [kari, ingrid] = [await t.loginAs(t.demo.users.kari), await t.loginAs(t.demo.users.ingrid)];
    const sent = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Tur', body: 'Husk matpakke på fredag.' }, ingrid);
    const [conversationId] = sent.json().conversationIds as string[];
    const toIngrid: LiveEvent[] = [];
    const stop = subscribe(t.demo.people.ingrid, (e) => toIngrid.push(e));
    try {
      const reads = () => toIngrid.filter((e) => e.type === 'conversation.read' && e.id === conversationId).length;
      expect((await t.get(`/api/conversations/${conversationId}`, kari)).statusCode).toBe(200);
      expect(reads()).toBe(1);
      // Opened again (another tab, a reload): her receipt is what it was, so Ingrid's page has nothing to refetch.
      expect((await t.get(`/api/conversations/${conversationId}`, kari)).statusCode).toBe(200);
      expect(reads()).toBe(1);
      // Kari answers, Ingrid reads it: Kari's open page learns, Ingrid's own reads after that tell no one anything new.
      const later = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * 60_000));
      later(1);
      const toKari: LiveEvent[] = [];
      const stopKari = subscribe(t.demo.people.kari, (e) => toKari.push(e));
      expect((await t.send('POST', `/api/conversations/${conversationId}/messages`, { body: 'Takk, det skal vi huske.' }, kari)).statusCode).toBe(200);
      later(1);
      await t.get(`/api/conversations/${conversationId}`, ingrid);
      await t.get(`/api/conversations/${conversationId}`, ingrid);
      stopKari();
      expect(toKari.filter((e) => e.type === 'conversation.read')).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('refuses the event stream to someone not logged in', async () => {
    const res = await t.get('/api/events');
    expect(res.statusCode).toBe(401);
  });
});
