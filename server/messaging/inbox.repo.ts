// The guardian inbox in ONE statement: the first page of conversations and of announcements as two JSON
// arrays, so opening the app costs one round trip to the database (and one parse and plan), not two.
// Beside them, and in the same snapshot, the stamp of what they were built from (migration 0018): the service
// keeps the page it sent and, while a later request reads the same stamp, sends it again without building it.
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db/schema';
import { builtOnce } from '../db/prepared';
import { conversationPage } from './conversations.repo';
import { receivedPage } from './announcements.repo';

type Db = Kysely<DB> | Transaction<DB>;

const toDate = (t: string | null): Date | null => (t === null ? null : new Date(t));

/**
 * Changes whenever either page of this person's inbox may have: a new row version (xmin) of any of their
 * conversation_participants rows (a new message moves last_message_at there, 0018; a read moves last_read_at, a
 * removal removed_at), of their announcement rows down to the newest page's oldest send time (a new
 * announcement, read, acknowledged; ties at that time included, as the page may take either), or the epoch that
 * the rarer changes move (names, a changed subject or message, a sent announcement's list columns: 0018). A rolled-back
 * write leaves no visible version, so it changes nothing. Each row is one 64-bit hash of its key and versions,
 * and a part is their XOR (or 'none'): the same whatever order the rows come in, so nothing is sorted.
 */
const stampOf = (personId: string, limit: number) => sql<string>`concat_ws(':',
  (SELECT epoch FROM inbox_epoch),
  coalesce((SELECT bit_xor(hashtextextended(cp.conversation_id::text || cp.xmin::text, 0))
     FROM conversation_participants cp WHERE cp.person_id = ${personId})::text, 'none'),
  coalesce((SELECT bit_xor(hashtextextended(r.announcement_id::text || r.xmin::text, 0))
     FROM announcement_recipients r
     WHERE r.person_id = ${personId} AND r.sent_at >= coalesce((
       SELECT p.sent_at FROM announcement_recipients p WHERE p.person_id = ${personId}
       ORDER BY p.sent_at DESC OFFSET (${limit}::int - 1) LIMIT 1), '-infinity'::timestamptz))::text, 'none'))`;

// Opening the app runs these on every start: built once (db/prepared.ts).
const inboxQuery = builtOnce((db: Kysely<DB>, personId: string, limit: number) => db.selectNoFrom([
  jsonArrayFrom(conversationPage(db, personId, limit)).as('conversations'),
  jsonArrayFrom(receivedPage(db, personId, limit)).as('announcements'),
  stampOf(personId, limit).as('stamp'),
]));
const stampQuery = builtOnce((db: Kysely<DB>, personId: string, limit: number) => db.selectNoFrom([stampOf(personId, limit).as('stamp')]));

export async function findInboxOf(db: Db, personId: string, limit: number) {
  // A SELECT without FROM answers one row.
  const row = (await inboxQuery(db, personId, limit))[0]!;
  // JSON carries timestamps as text: back to Date, so the rows are those the list queries return.
  return {
    stamp: row.stamp,
    conversations: row.conversations.map((c) => ({ ...c, last_message_at: new Date(c.last_message_at) })),
    announcements: row.announcements.map((a) => ({
      ...a, sent_at: toDate(a.sent_at), read_at: toDate(a.read_at), acknowledged_at: toDate(a.acknowledged_at),
    })),
  };
}

/** The stamp alone: what a request reads to learn whether the page it kept is still the page. */
export async function findInboxStamp(db: Db, personId: string, limit: number): Promise<string> {
  return (await stampQuery(db, personId, limit))[0]!.stamp;
}
