import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** A browser endpoint belongs to whoever subscribed with it last (a shared family tablet, a new login). */
export async function upsertSubscription(db: Db, s: { personId: string; endpoint: string; p256dh: string; auth: string }): Promise<void> {
  await db.insertInto('push_subscriptions').values({ person_id: s.personId, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ person_id: s.personId, p256dh: s.p256dh, auth: s.auth }))
    .execute();
}

export async function deleteSubscription(db: Db, personId: string, endpoint: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('person_id', '=', personId).where('endpoint', '=', endpoint).execute();
}

/** The push service said the subscription is gone (404/410): it will never work again. */
export async function deleteGoneSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

export async function findSubscriptions(db: Db, personId: string) {
  return db.selectFrom('push_subscriptions').select(['id', 'endpoint', 'p256dh', 'auth']).where('person_id', '=', personId).execute();
}

export async function markSent(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('push_subscriptions').set({ last_sent_at: at }).where('id', '=', id).execute();
}

export async function findVapidKeys(db: Db) {
  return db.selectFrom('vapid_keys').select(['public_key', 'private_key']).executeTakeFirst();
}

/** Inserts a key pair unless one exists; two processes starting at once keep the first. */
export async function insertVapidKeys(db: Db, keys: { publicKey: string; privateKey: string }): Promise<void> {
  await db.insertInto('vapid_keys').values({ public_key: keys.publicKey, private_key: keys.privateKey }).onConflict((oc) => oc.doNothing()).execute();
}
