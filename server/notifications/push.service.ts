// Web Push (RFC 8030 delivery, RFC 8291 aes128gcm encryption, RFC 8292 VAPID): the installed app's first channel.
// The `web-push` package builds each request (encrypted body and signed VAPID header); we send it with fetch, so a
// timeout applies and a push service on plain http (a test double on loopback) is reached the same way.
import webpush from 'web-push';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Config } from '../config';
import type { Ctx } from '../core/context';
import type { PushSubscriptionInput, PushUnsubscribeInput, VapidPublicKey } from '@shared/contracts/notifications';
import * as repo from './push.repo';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** What a push notification shows. Never a confidential text: the caller passes the generic words instead. */
export interface PushMessage {
  /** The outbox id: the Topic (a push service keeps only the newest per topic) and the notification's tag. */
  id: string;
  title: string;
  body: string;
  url: string;
  urgent: boolean;
}

/** A person with no working subscription left: not a failure to retry, there is nobody to push to. */
export class NoPushSubscriptionError extends Error {}

function subjectOf(config: Config): string {
  if (config.notify.vapidSubject) return config.notify.vapidSubject;
  if (config.publicUrl.startsWith('https:')) return config.publicUrl;
  const address = /<([^>]+)>/.exec(config.notify.mailFrom)?.[1] ?? config.notify.mailFrom;
  return `mailto:${address}`;
}

/** The configured key pair, or the one kept in the database (made on first use, once, whoever comes first). */
export async function loadVapidKeys(db: Kysely<DB>, config: Config): Promise<VapidKeys> {
  const subject = subjectOf(config);
  if (config.notify.vapid) return { ...config.notify.vapid, subject };
  let row = await repo.findVapidKeys(db);
  if (!row) {
    await repo.insertVapidKeys(db, webpush.generateVAPIDKeys());
    row = await repo.findVapidKeys(db);
  }
  return { publicKey: row!.public_key, privateKey: row!.private_key, subject };
}

export async function readVapidPublicKey(db: Kysely<DB>, config: Config): Promise<VapidPublicKey> {
  return { publicKey: (await loadVapidKeys(db, config)).publicKey };
}

/** Everyone logged in may have their own browsers told; the subscription is theirs alone. */
export async function subscribeToPush(ctx: Ctx, input: PushSubscriptionInput): Promise<void> {
  await repo.upsertSubscription(ctx.db, { personId: ctx.actor.personId, endpoint: input.endpoint, ...input.keys });
}

export async function unsubscribeFromPush(ctx: Ctx, input: PushUnsubscribeInput): Promise<void> {
  await repo.deleteSubscription(ctx.db, ctx.actor.personId, input.endpoint);
}

const PUSH_TIMEOUT_MS = 10_000;

/**
 * Pushes to every browser a person subscribed. One that answers 404/410 is gone and is forgotten; the call succeeds
 * when at least one browser's push service accepted the message, and throws (to be retried) when none did for a
 * temporary reason.
 */
export function pushChannel(db: Kysely<DB>, keys: () => Promise<VapidKeys>, clock: { now(): Date }) {
  return async (personId: string, m: PushMessage): Promise<void> => {
    const subscriptions = await repo.findSubscriptions(db, personId);
    const vapidDetails = await keys();
    const payload = JSON.stringify({ title: m.title, body: m.body.length > 300 ? `${m.body.slice(0, 299)}…` : m.body, url: m.url, tag: m.id });
    let delivered = 0;
    const errors: string[] = [];
    for (const s of subscriptions) {
      const details = webpush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
        vapidDetails,
        contentEncoding: 'aes128gcm',
        TTL: 24 * 3600,
        urgency: m.urgent ? 'high' : 'normal',
        topic: m.id.replace(/-/g, '').slice(0, 32),
      });
      const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
      try {
        const res = await fetch(details.endpoint, { method: 'POST', headers, body: new Uint8Array(details.body), signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) });
        if (res.ok) {
          delivered++;
          await repo.markSent(db, s.id, clock.now());
        } else if (res.status === 404 || res.status === 410) {
          await repo.deleteGoneSubscription(db, s.id);
        } else {
          errors.push(`push service answered ${res.status}`);
        }
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    if (delivered > 0) return;
    if (errors.length > 0) throw new Error(errors.join('; '));
    throw new NoPushSubscriptionError('no push subscription left');
  };
}
