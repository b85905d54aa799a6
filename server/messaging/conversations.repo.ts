import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';
import type { ConversationTopic, MessageTone } from './messaging.tables';

type Db = Kysely<DB> | Transaction<DB>;

export async function findStudentContext(db: Db, studentId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.person_id as id', 's.school_id', 'p.given_name', 'p.family_name'])
    .where('s.person_id', '=', studentId)
    .executeTakeFirst();
}

export async function findStudentContexts(db: Db, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.person_id as id', 's.school_id', 'p.given_name', 'p.family_name', 'p.birth_date'])
    .where('s.person_id', 'in', studentIds)
    .execute();
}

/**
 * The staff roles at the student's school, each marked whether its group (if it has one) is one the student
 * is enrolled in: the routing of seed 001, the colleagues who may be brought in, and who a participant is.
 * With `personIds`, only those people's roles.
 */
export async function findStaffForStudent(db: Db, studentId: string, schoolId: string, personIds?: string[]) {
  if (personIds?.length === 0) return [];
  let q = db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('groups as g', 'g.id', 'r.group_id')
    .leftJoin('enrolments as e', (j) => j.onRef('e.group_id', '=', 'r.group_id').on('e.student_id', '=', studentId))
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.role', 'r.group_id', 'g.name as group_name', 'e.student_id as enrolled'])
    .where('r.school_id', '=', schoolId);
  if (personIds) q = q.where('r.person_id', 'in', personIds);
  return q.orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').execute();
}

/** The student's guardians who have access on the date, with their address protection. */
/** The guardians with access (guardian_access) of each of these students, by name; one statement for them all. */
export async function findGuardiansWithAccessOf(db: Db, studentIds: readonly string[], onDate: string) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom(sql<{ guardian_id: string; student_id: string }>`guardian_access(${onDate}::date)`.as('ga'))
    .innerJoin('persons as p', 'p.id', 'ga.guardian_id')
    .select(['ga.student_id', 'p.id', 'p.given_name', 'p.family_name', 'p.address_protection'])
    .where('ga.student_id', 'in', studentIds)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function findGuardiansWithAccess(db: Db, studentId: string, onDate: string) {
  return (await findGuardiansWithAccessOf(db, [studentId], onDate)).map(({ student_id: _, ...guardian }) => guardian);
}

export async function insertConversation(
  db: Db,
  row: { schoolId: string; studentId: string; topic: ConversationTopic; subject: string; startedBy: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('conversations')
    .values({ school_id: row.schoolId, student_id: row.studentId, topic: row.topic, subject: row.subject, started_by: row.startedBy, created_at: row.at, last_message_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertParticipants(
  db: Db,
  rows: { conversationId: string; personId: string; kind: 'guardian' | 'staff' | 'student'; addedBy: string | null; at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('conversation_participants')
    .values(rows.map((r) => ({ conversation_id: r.conversationId, person_id: r.personId, kind: r.kind, added_by: r.addedBy, added_at: r.at })))
    .onConflict((oc) => oc.columns(['conversation_id', 'person_id']).doUpdateSet({ removed_at: null }))
    .execute();
}

export async function insertMessage(db: Db, row: { conversationId: string; senderId: string; body: string; tone: MessageTone; at: Date }) {
  const msg = await db
    .insertInto('conversation_messages')
    .values({ conversation_id: row.conversationId, sender_id: row.senderId, body: row.body, tone: row.tone, created_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('conversations').set({ last_message_at: row.at }).where('id', '=', row.conversationId).execute();
  // The sender has read what they wrote.
  await db.updateTable('conversation_participants').set({ last_read_at: row.at })
    .where('conversation_id', '=', row.conversationId).where('person_id', '=', row.senderId).execute();
  return msg.id;
}

export async function findConversation(db: Db, conversationId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('persons as s', 's.id', 'c.student_id')
    .select(['c.id', 'c.school_id', 'c.student_id', 'c.topic', 'c.subject', 's.given_name', 's.family_name'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
}

export async function findParticipants(db: Db, conversationId: string) {
  return db
    .selectFrom('conversation_participants as cp')
    .innerJoin('persons as p', 'p.id', 'cp.person_id')
    .select(['cp.person_id', 'cp.kind', 'cp.removed_at', 'cp.last_read_at', 'p.given_name', 'p.family_name', 'p.address_protection'])
    .where('cp.conversation_id', '=', conversationId)
    .orderBy('cp.added_at').orderBy('p.family_name').orderBy('p.given_name').orderBy('cp.person_id')
    .execute();
}

export async function findMessages(db: Db, conversationId: string) {
  return db
    .selectFrom('conversation_messages as m')
    .innerJoin('persons as p', 'p.id', 'm.sender_id')
    .select(['m.id', 'm.sender_id', 'm.body', 'm.tone', 'm.created_at', 'p.given_name', 'p.family_name'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export async function markRead(db: Db, conversationId: string, personId: string, at: Date): Promise<void> {
  await db.updateTable('conversation_participants').set({ last_read_at: at })
    .where('conversation_id', '=', conversationId).where('person_id', '=', personId).execute();
}

export async function removeParticipant(db: Db, conversationId: string, personId: string, at: Date): Promise<void> {
  await db.updateTable('conversation_participants').set({ removed_at: at })
    .where('conversation_id', '=', conversationId).where('person_id', '=', personId).execute();
}

/** How much of the last message the conversation list shows; a message may be 10,000 characters. */
export const PREVIEW_CHARS = 140;

/**
 * A person's conversations, newest first, with unread counts: the list (findConversationsOf) and the inbox,
 * which runs it in one statement with the announcements (inbox.repo.ts).
 */
export function conversationPage(db: Db, personId: string, limit: number) {
  return db
    .selectFrom('conversation_participants as cp')
    .innerJoin('conversations as c', 'c.id', 'cp.conversation_id')
    .innerJoin('persons as s', 's.id', 'c.student_id')
    .select([
      'c.id', 'c.subject', 'c.topic', 'c.student_id', 's.given_name', 's.family_name', 'c.last_message_at',
      // Characters, so never fewer UTF-16 units than the service's slice keeps.
      (eb) => eb.selectFrom('conversation_messages as m').select((x) => x.fn<string>('left', ['m.body', x.lit(PREVIEW_CHARS)]).as('b'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .orderBy('m.created_at', 'desc').limit(1).as('last_body'),
      // Never read counts every message; one comparison (not an OR) keeps it a range of (conversation_id, created_at).
      (eb) => eb.selectFrom('conversation_messages as m').select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.created_at', '>', (w) => w.fn.coalesce('cp.last_read_at', sql<Date>`'-infinity'::timestamptz`))
        .as('unread'),
    ])
    .where('cp.person_id', '=', personId)
    .where('cp.removed_at', 'is', null)
    .orderBy('c.last_message_at', 'desc')
    .limit(limit);
}

/** The first page of a person's conversations, newest first, with unread counts. */
export async function findConversationsOf(db: Db, personId: string, limit: number) {
  return conversationPage(db, personId, limit).execute();
}

/** The notifications about the conversation's messages (notification_outbox, topic 'message'), for receipts. */
export async function findMessageNotifications(db: Db, conversationId: string) {
  return db
    .selectFrom('notification_outbox as o')
    .innerJoin('conversation_messages as m', 'm.id', 'o.subject_id')
    .select(['o.subject_id as message_id', 'o.person_id', 'o.channel', 'o.status', 'o.outcome'])
    .where('o.topic', '=', 'message')
    .where('m.conversation_id', '=', conversationId)
    .orderBy('o.channel')
    .execute();
}
