// The guardian inbox in ONE statement: the first page of conversations and of announcements as two JSON
// arrays, so opening the app costs one round trip to the database (and one parse and plan), not two.
import type { Kysely, Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db/schema';
import { builtOnce } from '../db/prepared';
import { conversationPage } from './conversations.repo';
import { receivedPage } from './announcements.repo';

type Db = Kysely<DB> | Transaction<DB>;

const toDate = (t: string | null): Date | null => (t === null ? null : new Date(t));

// Opening the app runs it on every start: built once (db/prepared.ts).
const inboxQuery = builtOnce((db: Kysely<DB>, personId: string, limit: number) => db.selectNoFrom([
  jsonArrayFrom(conversationPage(db, personId, limit)).as('conversations'),
  jsonArrayFrom(receivedPage(db, personId, limit)).as('announcements'),
]));

export async function findInboxOf(db: Db, personId: string, limit: number) {
  // A SELECT without FROM answers one row.
  const row = (await inboxQuery(db, personId, limit))[0]!;
  // JSON carries timestamps as text: back to Date, so the rows are those the list queries return.
  return {
    conversations: row.conversations.map((c) => ({ ...c, last_message_at: new Date(c.last_message_at) })),
    announcements: row.announcements.map((a) => ({
      ...a, sent_at: toDate(a.sent_at), read_at: toDate(a.read_at), acknowledged_at: toDate(a.acknowledged_at),
    })),
  };
}
