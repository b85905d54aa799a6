// The SQL of idempotency keys (core/idempotency.ts). Each statement is one autocommitted statement: nothing is held
// open while the route runs, which matters on PGlite, where an open transaction holds up every other query.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** What a request is, for telling a repeat from another request under the same key. */
export interface RequestFingerprint {
  method: string;
  path: string;
  bodySha256: string;
}

export interface KeyHolder {
  userId: string;
  key: string;
  leaseToken: string;
}

export interface StoredKey extends RequestFingerprint {
  status: number | null;
  contentType: string | null;
  responseBody: string | null;
  lockedUntil: Date | null;
}

/**
 * Takes the key for this request, in one statement: when no row has it, when its row is older than `expiredBefore`
 * (a new key, whatever it was used for), or when the same request holds it on a lease that ran out before `now`
 * (its process died). True when taken; otherwise `findKey` tells what holds it.
 */
export async function claimKey(db: Kysely<DB>, c: KeyHolder & RequestFingerprint & { now: Date; leaseUntil: Date; expiredBefore: Date }): Promise<boolean> {
  const { rows } = await sql<{ lease_token: string }>`
    INSERT INTO idempotency_keys (user_id, key, method, path, body_sha256, lease_token, locked_until, created_at)
    VALUES (${c.userId}, ${c.key}, ${c.method}, ${c.path}, ${c.bodySha256}, ${c.leaseToken}, ${c.leaseUntil}, ${c.now})
    ON CONFLICT (user_id, key) DO UPDATE SET
      method = excluded.method, path = excluded.path, body_sha256 = excluded.body_sha256,
      lease_token = excluded.lease_token, locked_until = excluded.locked_until,
      status = NULL, content_type = NULL, response_body = NULL,
      created_at = CASE WHEN idempotency_keys.created_at <= ${c.expiredBefore} THEN excluded.created_at ELSE idempotency_keys.created_at END
    WHERE idempotency_keys.created_at <= ${c.expiredBefore}
       OR (idempotency_keys.status IS NULL AND idempotency_keys.locked_until <= ${c.now}
           AND idempotency_keys.method = excluded.method AND idempotency_keys.path = excluded.path
           AND idempotency_keys.body_sha256 = excluded.body_sha256)
    RETURNING lease_token`.execute(db);
  return rows[0]?.lease_token === c.leaseToken;
}

export async function findKey(db: Kysely<DB>, userId: string, key: string, expiredBefore: Date): Promise<StoredKey | null> {
  const row = await db.selectFrom('idempotency_keys')
    .select(['method', 'path', 'body_sha256', 'status', 'content_type', 'response_body', 'locked_until'])
    .where('user_id', '=', userId).where('key', '=', key).where('created_at', '>', expiredBefore)
    .executeTakeFirst();
  if (!row) return null;
  return {
    method: row.method, path: row.path, bodySha256: row.body_sha256, status: row.status, contentType: row.content_type,
    responseBody: row.response_body, lockedUntil: row.locked_until,
  };
}

/** Stores the answer of the request that holds the key; a holder whose lease was taken over stores nothing. */
export async function storeAnswer(db: Kysely<DB>, h: KeyHolder, answer: { status: number; contentType: string | null; body: string | null }): Promise<void> {
  await db.updateTable('idempotency_keys')
    .set({ status: answer.status, content_type: answer.contentType, response_body: answer.body, locked_until: null })
    .where('user_id', '=', h.userId).where('key', '=', h.key).where('lease_token', '=', h.leaseToken).where('status', 'is', null)
    .execute();
}

/** Gives the key up (the request failed on our side): a retry with it runs again. */
export async function releaseKey(db: Kysely<DB>, h: KeyHolder): Promise<void> {
  await db.deleteFrom('idempotency_keys')
    .where('user_id', '=', h.userId).where('key', '=', h.key).where('lease_token', '=', h.leaseToken).where('status', 'is', null)
    .execute();
}

export async function deleteExpiredKeys(db: Kysely<DB>, expiredBefore: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<=', expiredBefore).executeTakeFirst();
  return Number(r.numDeletedRows);
}
