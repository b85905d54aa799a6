import type { Kysely, RawBuilder, Transaction } from 'kysely';
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

type Columns<T> = Record<string, [type: string, value: (row: T) => unknown]>;

/**
 * Inserts rows in one statement, whatever their number, and returns their ids in the order of the rows (RETURNING
 * promises no order). The rows are the table `input`, one bind parameter per column (one SQL text for any number of
 * rows), each given its id beforehand (the tables' own default, gen_random_uuid()) and its place `ord`. `writes` are
 * the statement's data-modifying CTEs; the first, `inserted`, returns the ids.
 */
async function insertNumbered<T>(db: Db, rows: T[], columns: Columns<T>, writes: RawBuilder<unknown>): Promise<string[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const arrays = Object.values(columns).map(([type, value]) => sql`${rows.map((r) => value(r))}::${sql.raw(type)}[]`);
  const { rows: inserted } = await sql<{ id: string }>`
    WITH input AS MATERIALIZED (
      SELECT gen_random_uuid() AS id, r.* FROM unnest(${sql.join(arrays)}) WITH ORDINALITY AS r(${sql.join(names.map((n) => sql.ref(n)))}, ord)
    ), ${writes}
    SELECT inserted.id FROM inserted JOIN input USING (id) ORDER BY input.ord`.execute(db);
  return inserted.map((r) => r.id);
}

type NewConversation = { schoolId: string; studentId: string; topic: ConversationTopic; subject: string; startedBy: string; at: Date };

/** New conversations in one statement, whatever their number; their ids in the order of the rows. */
export async function insertConversations(db: Db, rows: NewConversation[]): Promise<string[]> {
  return insertNumbered(db, rows, {
    school_id: ['uuid', (r) => r.schoolId], student_id: ['uuid', (r) => r.studentId], topic: ['text', (r) => r.topic],
    subject: ['text', (r) => r.subject], started_by: ['uuid', (r) => r.startedBy], at: ['timestamptz', (r) => r.at.toISOString()],
  }, sql`inserted AS (
    INSERT INTO conversations (id, school_id, student_id, topic, subject, started_by, created_at, last_message_at)
    SELECT id, school_id, student_id, topic, subject, started_by, at, at FROM input
    RETURNING id)`);
}

export async function insertConversation(db: Db, row: NewConversation): Promise<string> {
  return (await insertConversations(db, [row]))[0]!;
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

type NewMessage = { conversationId: string; senderId: string; body: string; tone: MessageTone; at: Date };

/**
 * New messages in one statement, whatever their number; their ids in the order of the rows. Each conversation's
 * last message is its newest, and the sender has read what they wrote. Moving the conversation's last_message_at is also
 * what tells every participant's kept inbox that it has a new message (a trigger of 0018 moves their rows).
 */
export async function insertMessages(db: Db, rows: NewMessage[]): Promise<string[]> {
  return insertNumbered(db, rows, {
    conversation_id: ['uuid', (r) => r.conversationId], sender_id: ['uuid', (r) => r.senderId], body: ['text', (r) => r.body],
    tone: ['text', (r) => r.tone], at: ['timestamptz', (r) => r.at.toISOString()],
  }, sql`inserted AS (
    INSERT INTO conversation_messages (id, conversation_id, sender_id, body, tone, created_at)
    SELECT id, conversation_id, sender_id, body, tone, at FROM input
    RETURNING id
  ), latest AS (
    UPDATE conversations c SET last_message_at = i.at
    FROM (SELECT conversation_id, max(at) AS at FROM input GROUP BY conversation_id) i
    WHERE c.id = i.conversation_id
  ), read_by_sender AS (
    UPDATE conversation_participants cp SET last_read_at = i.at
    FROM (SELECT conversation_id, sender_id, max(at) AS at FROM input GROUP BY conversation_id, sender_id) i
    WHERE cp.conversation_id = i.conversation_id AND cp.person_id = i.sender_id)`);
}

export async function insertMessage(db: Db, row: NewMessage): Promise<string> {
  return (await insertMessages(db, [row]))[0]!;
}

export async function findConversation(db: Db, conversationId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('persons as s', 's.id', 'c.student_id')
    .select(['c.id', 'c.school_id', 'c.student_id', 'c.topic', 'c.subject', 'c.started_by', 's.given_name', 's.family_name'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
}

export async function findParticipants(db: Db, conversationId: string) {
  return db
    .selectFrom('conversation_participants as cp')
    .innerJoin('persons as p', 'p.id', 'cp.person_id')
    .select(['cp.person_id', 'cp.kind', 'cp.removed_at', 'cp.last_read_at', 'p.given_name', 'p.family_name', 'p.address_protection', 'p.preferred_language'])
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
 * A person's conversations, newest first (ties in id order), with unread counts: the list (findConversationsOf)
 * and the inbox, which runs it in one statement with the announcements (inbox.repo.ts). `before`: the page after
 * that conversation of theirs (another's gives nothing), for "show older".
 */
export function conversationPage(db: Db, personId: string, limit: number, before?: string) {
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
    .$if(before !== undefined, (q) => q.where(sql<boolean>`(c.last_message_at, c.id) < ((SELECT b.last_message_at FROM conversations b JOIN conversation_participants bp ON bp.conversation_id = b.id AND bp.person_id = ${personId} WHERE b.id = ${before!}::uuid), ${before!}::uuid)`))
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit);
}

/** A page of a person's conversations, newest first, with unread counts; `before`: the page after that one. */
export async function findConversationsOf(db: Db, personId: string, limit: number, before?: string) {
  return conversationPage(db, personId, limit, before).execute();
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
