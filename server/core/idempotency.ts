// Idempotency keys, after the IETF draft "The Idempotency-Key HTTP Header Field": a guardian's phone sends a message,
// the answer is lost, the phone sends it again with the same `Idempotency-Key`, and gets the first answer again
// (with `Idempotent-Replayed: true`) instead of a second message. For requests that carry the header: POST, PUT,
// PATCH and DELETE under /api, from a logged-in user, to a 'user' route. Keys are per user and live 24 hours.
//
// A key's first request is recorded before its route runs (user, key, method and path, SHA-256 of the body), and its
// answer once the route has answered: a 2xx, or a 4xx refusal. A repeat is the same request and gets the same answer,
// a refusal too, even if a fresh send would now pass (the web takes a new key after any answer it received). A 5xx,
// or a 408/429 (about the moment, not the request), gives the key up, so a retry runs again. A repeat while the first
// still runs is told 409 request_in_progress; the same key for another request, 422 idempotency_key_reused. A replay
// is the answer as it was: access is not checked again, and the stored bodies are deleted after the 24 hours.
//
// If the process dies between the route's commit and the stored answer, nothing can tell whether the route ran:
// the answer is stored by a second statement, since a route's own transaction is the service's, not ours. The first
// request holds its key on a lease (LEASE_MS); until the lease runs out a repeat is told 409 request_in_progress,
// after it the repeat takes the key over and runs the route again. So a crash in that gap (or a route that runs
// longer than the lease) can still make a second message: at least once, never lost, as the job queue (docs/JOBS.md).
// Refusing the key for the rest of its 24 hours instead would leave a guardian unable to send what she wrote.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';
import * as repo from './idempotency.repo';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered from its first use. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/**
 * How long a first request holds its key before a repeat may take it over. Longer than a request lives behind a
 * proxy (nginx gives up on an upstream after 60 s by default), so a live request is not run twice.
 */
export const LEASE_MS = 2 * 60 * 1000;
/** Keys older than a day are deleted at most this often, by the request that comes along (no job needed). */
const CLEANUP_EVERY_MS = 10 * 60 * 1000;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The requests a key is honoured on: state-changing, under /api/, for a logged-in user. The public ones are the
 * logins, whose answer is a session cookie, and a replay carries no cookies. The hook and the OpenAPI document
 * both ask this.
 */
const honoursKey = (methods: string[], url: string, access: unknown): boolean =>
  url.startsWith('/api/') && access === 'user' && methods.some((m) => STATE_CHANGING.has(m));
/** 1–100 visible ASCII characters: a UUID, or whatever a client makes, but nothing to smuggle into a log line. */
const KEY = /^[!-~]{1,100}$/;

/**
 * The key a request carries, or null without one. The draft writes it as a structured-field string, in quotes
 * (`"8e03978e-…"`); a bare key is taken as it is.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const raw = Array.isArray(header) ? null : header.trim();
  const key = raw !== null && /^"[^"\\]*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (key === null || !KEY.test(key)) {
    throw new AppError('idempotency_key_invalid', 'Idempotency-Key must be one header of 1 to 100 visible ASCII characters');
  }
  return key;
}

/** The body as parsed from JSON, before validation, hashed: the same JSON sent again is the same request, spaces aside. */
export function bodySha256(body: unknown): string {
  return createHash('sha256').update(body === undefined ? '' : JSON.stringify(body)).digest('hex');
}

const storable = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 408 && status !== 429);

type Decision =
  | { kind: 'run'; holder: repo.KeyHolder }
  | { kind: 'replay'; status: number; contentType: string | null; body: string | null }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

export function registerIdempotency(app: FastifyInstance): void {
  const { database, clock } = app.deps;
  const db = database.db;
  // The key each running first request holds, until its answer is stored.
  const held = new WeakMap<FastifyRequest, repo.KeyHolder>();
  let lastCleanup = -Infinity;

  async function cleanUp(now: Date, log: FastifyRequest['log']): Promise<void> {
    if (now.getTime() - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now.getTime();
    // Only tidiness: an old key is ignored whether or not its row is gone.
    await repo.deleteExpiredKeys(db, new Date(now.getTime() - KEY_LIFETIME_MS)).catch((err: unknown) => log.error({ err }, 'old idempotency keys not deleted'));
  }

  async function decide(now: Date, userId: string, key: string, request: repo.RequestFingerprint): Promise<Decision> {
    const expiredBefore = new Date(now.getTime() - KEY_LIFETIME_MS);
    // Twice: a key seen taken may be given up (a 5xx) before its row is read; seen so again, it is taken as busy.
    for (let attempt = 0; attempt < 2; attempt++) {
      const holder = { userId, key, leaseToken: randomUUID() };
      if (await repo.claimKey(db, { ...holder, ...request, now, leaseUntil: new Date(now.getTime() + LEASE_MS), expiredBefore })) {
        return { kind: 'run', holder };
      }
      const stored = await repo.findKey(db, userId, key, expiredBefore);
      if (!stored) continue;
      if (stored.method !== request.method || stored.path !== request.path || stored.bodySha256 !== request.bodySha256) return { kind: 'reused' };
      if (stored.status !== null) return { kind: 'replay', status: stored.status, contentType: stored.contentType, body: stored.responseBody };
      return { kind: 'in_progress' };
    }
    return { kind: 'in_progress' };
  }

  // After the access and CSRF checks (registerAccessControl's preValidation runs first), before zod validates: a
  // refused body is a 4xx answer like any other, kept and replayed.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!honoursKey([request.method], request.url, request.routeOptions.config.access)) return;
    const { actor } = request;
    if (!actor) return;
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === null) return;
    const now = clock.now();
    await cleanUp(now, request.log);
    const decision = await decide(now, actor.userId, key, { method: request.method, path: request.url, bodySha256: bodySha256(request.body) });
    switch (decision.kind) {
      case 'run':
        held.set(request, decision.holder);
        return;
      case 'replay':
        reply.code(decision.status).header(REPLAYED_HEADER, 'true');
        if (decision.contentType) reply.type(decision.contentType);
        return reply.send(decision.body ?? undefined);
      case 'reused':
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for another request');
      case 'in_progress':
        throw new AppError('request_in_progress', 'The first request with this Idempotency-Key has not answered yet');
    }
  });

  // Every answer passes here, the error handler's too; awaited, so an answer that reaches the client is stored.
  app.addHook('onSend', async (request, reply, payload) => {
    const holder = held.get(request);
    if (!holder) return payload;
    held.delete(request);
    const body = typeof payload === 'string' ? payload : payload == null ? null : undefined;
    try {
      if (storable(reply.statusCode) && body !== undefined) {
        const contentType = reply.getHeader('content-type');
        await repo.storeAnswer(db, holder, { status: reply.statusCode, contentType: typeof contentType === 'string' ? contentType : null, body });
      } else {
        await repo.releaseKey(db, holder);
      }
    } catch (err) {
      // The answer still goes out; the key stays taken until its lease runs out, then a repeat runs again.
      request.log.error({ err }, 'idempotency key answer not stored');
    }
    return payload;
  });
}

/**
 * The OpenAPI document's word for it: every route the hook serves (honoursKey) lists the optional Idempotency-Key
 * header. Only the document changes; the hook reads the header itself.
 */
export function documentIdempotencyKey<T extends { schema: object; url: string }>(
  route: { method: string | string[]; url: string; config?: unknown },
  documented: T,
): T {
  if (!honoursKey([route.method].flat(), route.url, (route.config as { access?: string } | undefined)?.access)) return documented;
  const schema = documented.schema as { headers?: { type?: string; properties?: Record<string, unknown> } };
  const headers = schema.headers ?? { type: 'object' };
  return {
    ...documented,
    schema: {
      ...schema,
      headers: {
        ...headers,
        properties: {
          ...headers.properties,
          [IDEMPOTENCY_KEY_HEADER]: {
            type: 'string', minLength: 1, maxLength: 100,
            description: 'Optional. The same key with the same request within 24 hours gets the first answer again (Idempotent-Replayed: true) instead of running twice.',
          },
        },
      },
    },
  };
}
