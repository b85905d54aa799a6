import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../test/harness';
import { SESSION_COOKIE } from '../core/http';

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

  it('refuses the event stream to someone not logged in', async () => {
    const res = await t.get('/api/events');
    expect(res.statusCode).toBe(401);
  });
});
