// A send repeated after a lost answer does not happen twice: the same Idempotency-Key gets the first answer again.
// Through the real app: sessions, CSRF, the conversation routes and their SQL, on a copy of the demo database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../test/harness';
import { CSRF_HEADER, SESSION_COOKIE } from './http';
import { bodySha256, KEY_LIFETIME_MS, LEASE_MS } from './idempotency';
import { claimKey, storeAnswer } from './idempotency.repo';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

function post(url: string, body: unknown, session: Session, key?: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST', url, payload: JSON.stringify(body),
    headers: {
      cookie: `${SESSION_COOKIE}=${session.cookie}`, [CSRF_HEADER]: session.csrfToken, 'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
  });
}

const replayed = (res: LightMyRequestResponse) => res.headers['idempotent-replayed'] === 'true';

async function messagesIn(conversationId: string, body: string) {
  return t.database.db.selectFrom('conversation_messages').select(['id', 'sender_id'])
    .where('conversation_id', '=', conversationId).where('body', '=', body).execute();
}

/** Kari asks Emma's contact teacher something: a conversation of Kari, Ingrid and Emma's other parent. */
async function startConversation(subject: string): Promise<string> {
  const kari = await t.loginAs(t.demo.users.kari);
  const res = await post('/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject, body: 'Hei!' }, kari);
  expect(res.statusCode).toBe(200);
  return res.json().conversationIds[0];
}

describe('a message sent again with the same Idempotency-Key', () => {
  let conversation: string;
  beforeAll(async () => {
    t.clock.set(TEST_NOW);
    conversation = await startConversation('Leksehjelp');
  });

  it('is written once, and the repeat gets the same answer, marked as replayed', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const first = await post(url, { body: 'Kan Emma få leksehjelp?' }, kari, key);
    expect(first.statusCode).toBe(200);
    expect(replayed(first)).toBe(false);
    const again = await post(url, { body: 'Kan Emma få leksehjelp?' }, kari, key);
    expect(again.statusCode).toBe(200);
    expect(replayed(again)).toBe(true);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    const made = await messagesIn(conversation, 'Kan Emma få leksehjelp?');
    expect(made.map((m) => m.id)).toEqual([first.json().id]);
    // Without a key, the same text is a second message: the key is what says "the same send".
    expect((await post(url, { body: 'Kan Emma få leksehjelp?' }, kari)).statusCode).toBe(200);
    await expect(messagesIn(conversation, 'Kan Emma få leksehjelp?')).resolves.toHaveLength(2);
  });

  it('takes the key in the quoted form of the draft as the same key', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const first = await post(url, { body: 'Sitert nøkkel.' }, kari, key);
    const quoted = await post(url, { body: 'Sitert nøkkel.' }, kari, `"${key}"`);
    expect(replayed(quoted)).toBe(true);
    expect(quoted.body).toBe(first.body);
    await expect(messagesIn(conversation, 'Sitert nøkkel.')).resolves.toHaveLength(1);
  });

  it('refuses the same key with another body or path with 422 idempotency_key_reused, and writes nothing', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    expect((await post(url, { body: 'Første tekst.' }, kari, key)).statusCode).toBe(200);
    const other = await post(url, { body: 'En annen tekst.' }, kari, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    const elsewhere = await post('/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Ny', body: 'Første tekst.' }, kari, key);
    expect(elsewhere.statusCode).toBe(422);
    await expect(messagesIn(conversation, 'En annen tekst.')).resolves.toEqual([]);
    await expect(t.database.db.selectFrom('conversations').select('id').where('subject', '=', 'Ny').execute()).resolves.toEqual([]);
  });

  it("keeps each user's keys apart: another user's same key is her own send, not Kari's answer", async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const fromKari = await post(url, { body: 'Takk!' }, kari, key);
    const fromIngrid = await post(url, { body: 'Takk!' }, ingrid, key);
    expect(fromIngrid.statusCode).toBe(200);
    expect(replayed(fromIngrid)).toBe(false);
    expect(fromIngrid.json().id).not.toBe(fromKari.json().id);
    const made = await messagesIn(conversation, 'Takk!');
    expect(made.map((m) => m.sender_id).sort()).toEqual([t.demo.people.kari, t.demo.people.ingrid].sort());
  });

  it('replays a refusal: a repeat is refused as the first was, even when the same send would now be let through', async () => {
    const eva = await t.loginAs(t.demo.users.eva);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const refused = await post(url, { body: 'Jeg er sosiallærer.' }, eva, key);
    expect(refused.statusCode).toBe(404);
    // The contact teacher brings the social teacher in: a fresh send is let through now.
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    expect((await post(`/api/conversations/${conversation}/participants`, { personId: t.demo.people.eva }, ingrid)).statusCode).toBe(200);
    const again = await post(url, { body: 'Jeg er sosiallærer.' }, eva, key);
    expect(again.statusCode).toBe(404);
    expect(replayed(again)).toBe(true);
    expect(again.body).toBe(refused.body);
    await expect(messagesIn(conversation, 'Jeg er sosiallærer.')).resolves.toEqual([]);
    expect((await post(url, { body: 'Jeg er sosiallærer.' }, eva, randomUUID())).statusCode).toBe(200);
  });

  it('keeps no answer from our side (a 5xx): a retry with the key runs again', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    // PostgreSQL text cannot hold a NUL character: the insert fails, and the answer is 500 internal.
    const broken = { body: 'Null\u0000tegn' };
    const url = `/api/conversations/${conversation}/messages`;
    const first = await post(url, broken, kari, key);
    expect(first.statusCode).toBe(500);
    await expect(t.database.db.withTables<{ idempotency_keys: { key: string } }>().selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).resolves.toEqual([]);
    const again = await post(url, broken, kari, key);
    expect(again.statusCode).toBe(500);
    expect(replayed(again)).toBe(false);
  });

  it('refuses a key that is not 1 to 100 visible ASCII characters with 400 idempotency_key_invalid', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const url = `/api/conversations/${conversation}/messages`;
    for (const key of ['x'.repeat(101), 'to ord', 'nøkkel', '']) {
      const res = await post(url, { body: `Nøkkel ${JSON.stringify(key)}` }, kari, key);
      expect(res.statusCode, key).toBe(400);
      expect(res.json().error.code).toBe('idempotency_key_invalid');
    }
    expect((await post(url, { body: 'Lang nøkkel.' }, kari, 'x'.repeat(100))).statusCode).toBe(200);
  });
});

describe('a key whose first request has not answered', () => {
  let conversation: string;
  beforeAll(async () => {
    t.clock.set(TEST_NOW);
    conversation = await startConversation('Samtidig');
  });

  it('runs exactly one of several requests sent at once with the same key', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(url, { body: 'Fem trykk på en gang.' }, kari, key)));
    const made = await messagesIn(conversation, 'Fem trykk på en gang.');
    expect(made).toHaveLength(1);
    const ran = answers.filter((a) => a.statusCode === 200 && !replayed(a));
    expect(ran).toHaveLength(1);
    expect(ran[0]!.json().id).toBe(made[0]!.id);
    // Each of the others got the first one's answer, or was told it is still running.
    for (const other of answers.filter((a) => a !== ran[0])) {
      if (other.statusCode === 200) expect([replayed(other), other.json().id]).toEqual([true, made[0]!.id]);
      else expect([other.statusCode, other.json().error.code]).toEqual([409, 'request_in_progress']);
    }
  });

  it('answers a repeat with 409 request_in_progress while the first holds its lease, and runs it once the lease has run out', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const key = randomUUID();
    const url = `/api/conversations/${conversation}/messages`;
    const body = { body: 'Prosessen døde.' };
    // The first request took the key as every request does, and its process died before the answer was stored.
    const now = t.clock.now();
    const first = { userId: t.demo.users.kari, key, leaseToken: randomUUID() };
    expect(await claimKey(t.database.db, {
      ...first, method: 'POST', path: url, bodySha256: bodySha256(body),
      now, leaseUntil: new Date(now.getTime() + LEASE_MS), expiredBefore: new Date(now.getTime() - KEY_LIFETIME_MS),
    })).toBe(true);

    const waiting = await post(url, body, kari, key);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.code).toBe('request_in_progress');
    await expect(messagesIn(conversation, 'Prosessen døde.')).resolves.toEqual([]);

    t.clock.set(new Date(now.getTime() + LEASE_MS));
    const taken = await post(url, body, kari, key);
    expect(taken.statusCode).toBe(200);
    expect(replayed(taken)).toBe(false);
    // The first request, late, cannot overwrite the answer of the one that took its key over.
    await storeAnswer(t.database.db, first, { status: 200, contentType: 'application/json; charset=utf-8', body: '{"id":"late"}' });
    const repeat = await post(url, body, kari, key);
    expect(replayed(repeat)).toBe(true);
    expect(repeat.body).toBe(taken.body);
    await expect(messagesIn(conversation, 'Prosessen døde.')).resolves.toHaveLength(1);
  });
});

describe('a key after 24 hours', () => {
  it('is forgotten: the same send runs again, and old keys are deleted by a later request', async () => {
    t.clock.set(TEST_NOW);
    const conversation = await startConversation('I morgen');
    const url = `/api/conversations/${conversation}/messages`;
    const key = randomUUID();
    const kari = await t.loginAs(t.demo.users.kari);
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const first = await post(url, { body: 'Vi snakkes i morgen.' }, kari, key);
    expect((await post(url, { body: 'Ingrid sin nøkkel.' }, ingrid, key)).statusCode).toBe(200);

    t.clock.set(new Date(TEST_NOW.getTime() + KEY_LIFETIME_MS - 1000));
    const stillKnown = await post(url, { body: 'Vi snakkes i morgen.' }, await t.loginAs(t.demo.users.kari), key);
    expect([stillKnown.statusCode, replayed(stillKnown), stillKnown.body]).toEqual([200, true, first.body]);

    t.clock.set(new Date(TEST_NOW.getTime() + KEY_LIFETIME_MS));
    const later = await post(url, { body: 'Vi snakkes i morgen.' }, await t.loginAs(t.demo.users.kari), key);
    expect(later.statusCode).toBe(200);
    expect(replayed(later)).toBe(false);
    expect(later.json().id).not.toBe(first.json().id);
    await expect(messagesIn(conversation, 'Vi snakkes i morgen.')).resolves.toHaveLength(2);

    // Day-old keys are deleted by whichever keyed request comes along (at most every 10 minutes): Ingrid's is gone,
    // Kari's renewed one stays.
    t.clock.set(new Date(TEST_NOW.getTime() + KEY_LIFETIME_MS + 10 * 60 * 1000));
    expect((await post(url, { body: 'Noe annet.' }, await t.loginAs(t.demo.users.kari), randomUUID())).statusCode).toBe(200);
    const keys = t.database.db.withTables<{ idempotency_keys: { user_id: string; key: string; created_at: Date } }>();
    const left = await keys.selectFrom('idempotency_keys').select('user_id').where('key', '=', key).execute();
    expect(left).toEqual([{ user_id: t.demo.users.kari }]);
    await expect(keys.selectFrom('idempotency_keys').select('key').where('created_at', '<', new Date(TEST_NOW.getTime() + KEY_LIFETIME_MS)).execute()).resolves.toEqual([]);
  });
});
