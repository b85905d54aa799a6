import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export async function insertSession(db: Kysely<DB>, row: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: row.tokenHash, user_id: row.userId, csrf_token: row.csrfToken, expires_at: row.expiresAt })
    .execute();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).executeTakeFirst();
}

export async function findUserByIdentity(db: Kysely<DB>, provider: string, subject: string) {
  return db
    .selectFrom('user_identities')
    .select('user_id')
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function updateUserLocale(db: Kysely<DB>, userId: string, locale: string | null): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function findUsersByUsernames(db: Kysely<DB>, usernames: string[]) {
  if (usernames.length === 0) return [];
  return db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'users.username', 'persons.given_name', 'persons.family_name'])
    .where('users.username', 'in', usernames)
    .execute();
}

export async function insertOidcLogin(db: Kysely<DB>, row: { state: string; provider: string; codeVerifier: string; nonce: string }): Promise<void> {
  await db.insertInto('oidc_logins').values({ state: row.state, provider: row.provider, code_verifier: row.codeVerifier, nonce: row.nonce }).execute();
}

/** Takes (reads and deletes) a pending OIDC login, so a state can be used once only. */
export async function takeOidcLogin(db: Kysely<DB>, state: string, notBefore: Date) {
  return db
    .deleteFrom('oidc_logins')
    .where('state', '=', state)
    .where('created_at', '>', notBefore)
    .returning(['provider', 'code_verifier', 'nonce'])
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<DB>, username: string, passwordHash: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
