// Reminders of an announcement: who has not read it yet, the reminder and its recipients in one statement, and
// what the receipts and the notification need to know of them.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** What sending a reminder needs to know of an announcement: whose and where (the policy), how it is notified. */
export async function findAnnouncementToRemind(db: Db, id: string) {
  return db.selectFrom('announcements')
    .select(['id', 'author_id', 'school_id', 'owner_id', 'category', 'confidential'])
    .where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the announcement for this transaction, so two reminders sent at once are one after the other and the second
 * sees the first (the 24-hour rule); NO KEY, so rows that merely point at the announcement are not held up.
 */
export async function lockForReminder(tx: Transaction<DB>, id: string) {
  return tx.selectFrom('announcements').select(['sent_at', 'cancelled_at'])
    .where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export async function findLastReminderAt(db: Db, announcementId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('announcement_reminders').select('sent_at')
    .where('announcement_id', '=', announcementId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  return row?.sent_at;
}

/**
 * The recipients a reminder reaches: who has not read it (not acknowledged it, when the announcement asks for that)
 * and may still read it on `onDate`, by the rule the fan-out used (canReadAsRecipient): a guardian whose relation
 * grants access, or a parent without parental responsibility of an under-18 student when the sender included them.
 * A guardian whose child has turned 18 since (5.1), or whose access ended, is not reminded.
 */
function remindable(announcementId: string, onDate: string) {
  return sql<{ announcement_id: string; person_id: string }>`
    SELECT r.announcement_id, r.person_id
    FROM announcement_recipients r
    JOIN announcements a ON a.id = r.announcement_id
    LEFT JOIN guardianship_access(${onDate}::date) ga ON r.kind = 'guardian' AND ga.guardian_id = r.person_id AND ga.student_id = r.student_id
    WHERE r.announcement_id = ${announcementId}::uuid
      AND CASE WHEN a.requires_ack THEN r.acknowledged_at IS NULL ELSE r.read_at IS NULL END
      AND (r.kind <> 'guardian' OR r.student_id IS NULL OR ga.has_access
           OR (NOT ga.parental_responsibility AND NOT ga.student_adult AND NOT a.parental_responsibility_only))`;
}

export async function countRemindable(db: Db, announcementId: string, onDate: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${remindable(announcementId, onDate)}) t`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Writes a reminder and whom it goes to in ONE statement (set-based, however many recipients): nothing, and
 * undefined, when there is nobody left to remind.
 */
export async function insertReminder(tx: Transaction<DB>, r: { announcementId: string; sentBy: string; at: Date; onDate: string }) {
  const { rows } = await sql<{ id: string; reminded_count: number }>`
    WITH targets AS (${remindable(r.announcementId, r.onDate)}),
    reminder AS (
      INSERT INTO announcement_reminders (announcement_id, sent_by, sent_at, reminded_count)
      SELECT ${r.announcementId}::uuid, ${r.sentBy}::uuid, ${r.at}::timestamptz, count(*)::int FROM targets HAVING count(*) > 0
      RETURNING id, reminded_count),
    marked AS (
      INSERT INTO announcement_reminder_recipients (reminder_id, announcement_id, person_id)
      SELECT reminder.id, t.announcement_id, t.person_id FROM reminder CROSS JOIN targets t)
    SELECT id, reminded_count FROM reminder`.execute(tx);
  return rows[0];
}

/** Whom a reminder went to, as the outbox's recipients query (one INSERT … SELECT in notifications.repo). */
export function reminderRecipients(db: Db, reminderId: string) {
  return db.selectFrom('announcement_reminder_recipients').select('person_id').where('reminder_id', '=', reminderId);
}

/** An announcement's reminders, newest first, with who sent each. */
export async function findReminders(db: Db, announcementId: string) {
  return db.selectFrom('announcement_reminders as m').innerJoin('persons as p', 'p.id', 'm.sent_by')
    .select(['m.id', 'm.sent_at', 'm.reminded_count', 'p.given_name', 'p.family_name'])
    .where('m.announcement_id', '=', announcementId)
    .orderBy('m.sent_at', 'desc').orderBy('m.id', 'desc').execute();
}

/** When each recipient of an announcement was last reminded. */
export async function findRemindedAt(db: Db, announcementId: string) {
  return db.selectFrom('announcement_reminder_recipients as rr').innerJoin('announcement_reminders as m', 'm.id', 'rr.reminder_id')
    .select(['rr.person_id', (eb) => eb.fn.max('m.sent_at').as('reminded_at')])
    .where('rr.announcement_id', '=', announcementId)
    .groupBy('rr.person_id').execute();
}

/** What a reminder's notification says: its announcement, and whom it is from. */
export async function findReminderForNotice(db: Db, reminderId: string) {
  return db.selectFrom('announcement_reminders as m')
    .innerJoin('announcements as a', 'a.id', 'm.announcement_id')
    .leftJoin('schools as s', 's.id', 'a.school_id')
    .innerJoin('school_owners as o', 'o.id', 'a.owner_id')
    .select(['a.id', 'a.title', 'a.body', 'a.requires_ack', 's.name as school_name', 'o.name as owner_name'])
    .where('m.id', '=', reminderId).executeTakeFirst();
}

/**
 * Whether the person has done what the reminder asks (read it; acknowledged it, where that was asked for), so no
 * e-mail or SMS is needed any more; also true when they are no longer a recipient at all.
 */
export async function hasDoneWhatReminderAsks(db: Db, reminderId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom('announcement_reminders as m')
    .innerJoin('announcements as a', 'a.id', 'm.announcement_id')
    .innerJoin('announcement_recipients as r', (j) => j.onRef('r.announcement_id', '=', 'm.announcement_id').on('r.person_id', '=', personId))
    .select(['a.requires_ack', 'r.read_at', 'r.acknowledged_at'])
    .where('m.id', '=', reminderId).executeTakeFirst();
  if (!row) return true;
  return row.requires_ack ? row.acknowledged_at !== null : row.read_at !== null;
}
