// What translation reads of announcements and conversations (for the read checks and the texts), and its cache.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';


export async function findPreferredLanguage(db: Kysely<DB>, personId: string): Promise<string> {
  const row = await db.selectFrom('persons').select('preferred_language').where('id', '=', personId).executeTakeFirstOrThrow();
  return row.preferred_language;
}

export async function findMessage(db: Kysely<DB>, conversationId: string, messageId: string) {
  return db.selectFrom('conversation_messages').select(['id', 'sender_id', 'body'])
    .where('conversation_id', '=', conversationId).where('id', '=', messageId).executeTakeFirst();
}

export async function findMessageSenders(db: Kysely<DB>, conversationId: string) {
  return db.selectFrom('conversation_messages').select(['id', 'sender_id']).where('conversation_id', '=', conversationId).execute();
}

/** What a translation is of: one announcement or one message, as the text was (its SHA-256), in one language. */
export interface TranslationKey {
  announcementId: string | null;
  messageId: string | null;
  sourceSha256: string;
  language: string;
}

const columns = ['source_language', 'language', 'title', 'body', 'provider', 'created_at'] as const;

export async function findTranslation(db: Kysely<DB>, key: TranslationKey) {
  let q = db.selectFrom('translations').select(columns)
    .where('language', '=', key.language).where('source_sha256', '=', key.sourceSha256);
  q = key.announcementId ? q.where('announcement_id', '=', key.announcementId) : q.where('message_id', '=', key.messageId!);
  return q.executeTakeFirst();
}

/**
 * Keeps a translation, and drops those of the same announcement or message made from another text (it was changed
 * before it went out): they would never be shown again. Two readers asking at once store one row; both get it.
 */
export async function storeTranslation(db: Kysely<DB>, key: TranslationKey, row: { sourceLanguage: string; title: string | null; body: string; provider: string; at: Date }) {
  return db.transaction().execute(async (tx) => {
    const item = key.announcementId ? { column: 'announcement_id' as const, id: key.announcementId } : { column: 'message_id' as const, id: key.messageId! };
    await tx.deleteFrom('translations').where(item.column, '=', item.id).where('source_sha256', '<>', key.sourceSha256).execute();
    await tx.insertInto('translations').values({
      announcement_id: key.announcementId, message_id: key.messageId, source_sha256: key.sourceSha256, source_language: row.sourceLanguage,
      language: key.language, title: row.title, body: row.body, provider: row.provider, created_at: row.at,
    }).onConflict((oc) => oc.columns([item.column, 'language', 'source_sha256']).where(item.column, 'is not', null).doNothing()).execute();
    return tx.selectFrom('translations').select(columns)
      .where(item.column, '=', item.id).where('language', '=', key.language).where('source_sha256', '=', key.sourceSha256)
      .executeTakeFirstOrThrow();
  });
}
