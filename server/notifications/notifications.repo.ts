import type { Expression, Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';
import type { NotificationCategory } from './notifications.tables';

type Db = Kysely<DB> | Transaction<DB>;

/** Any query yielding the recipients' person ids, built by the calling module's repository. */
export type RecipientsQuery = Expression<{ person_id: string }>;
/** A query yielding (person, subject) pairs: many subjects of one topic in one statement. */
export type SubjectRecipientsQuery = Expression<{ person_id: string; subject_id: string }>;

interface Batch { topic: string; category: NotificationCategory; confidential: boolean; at: Date }

/**
 * The notifications of a set of recipients, in one INSERT … SELECT (one pass, never a loop): push to each who has
 * a browser subscribed; e-mail to each with an address that has not bounced (held back by the worker until the
 * escalation delay has passed unread); SMS, which costs money and interrupts, for urgent notifications and for
 * people Tillit can reach no other way. A notification that already exists is left alone (UNIQUE person, topic,
 * subject, channel).
 */
export async function enqueueForRecipients(db: Db, n: Batch & { subjectId: string; recipients: RecipientsQuery }): Promise<void> {
  await enqueueForSubjects(db, { ...n, recipients: sql<{ person_id: string; subject_id: string }>`SELECT q.person_id, ${n.subjectId}::uuid AS subject_id FROM (${n.recipients}) AS q` });
}

/** The same for many subjects of one topic at once (e.g. every unexplained absence of a school's morning). */
export async function enqueueForSubjects(db: Db, n: Batch & { recipients: SubjectRecipientsQuery }): Promise<void> {
  await sql`
    INSERT INTO notification_outbox (person_id, topic, subject_id, channel, category, confidential, due_at, created_at)
    SELECT r.person_id, ${n.topic}, r.subject_id, c.channel, ${n.category}, ${n.confidential}, ${n.at}, ${n.at}
    FROM (SELECT DISTINCT person_id, subject_id FROM (${n.recipients}) AS q) r
    JOIN persons p ON p.id = r.person_id
    LEFT JOIN (SELECT DISTINCT person_id FROM push_subscriptions) ps ON ps.person_id = r.person_id
    LEFT JOIN email_bounces b ON b.person_id = p.id AND b.address = lower(p.email)
    JOIN (VALUES ('push'), ('email'), ('sms')) AS c(channel) ON
         (c.channel = 'push' AND ps.person_id IS NOT NULL)
      OR (c.channel = 'email' AND p.email IS NOT NULL AND b.person_id IS NULL)
      OR (c.channel = 'sms' AND p.phone IS NOT NULL AND (${n.category === 'urgent'} OR ((p.email IS NULL OR b.person_id IS NOT NULL) AND ps.person_id IS NULL)))
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function enqueueForAnnouncement(db: Db, a: { id: string; category: NotificationCategory; confidential: boolean; at: Date }): Promise<void> {
  const recipients = db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', a.id);
  await enqueueForRecipients(db, { topic: 'announcement', subjectId: a.id, category: a.category, confidential: a.confidential, at: a.at, recipients });
}

/**
 * New conversation messages written at one time, each to every other active participant of its conversation: push,
 * e-mail, and SMS for those Tillit can reach no other way (a phone only), in one statement whatever their number.
 * Confidential: a conversation's text never leaves Tillit.
 */
export async function enqueueForMessages(db: Db, batch: { at: Date; messages: { messageId: string; conversationId: string; senderId: string }[] }): Promise<void> {
  const { at, messages } = batch;
  if (messages.length === 0) return;
  const recipients = sql<{ person_id: string; subject_id: string }>`
    SELECT cp.person_id, m.message_id AS subject_id
    FROM unnest(${messages.map((m) => m.messageId)}::uuid[], ${messages.map((m) => m.conversationId)}::uuid[], ${messages.map((m) => m.senderId)}::uuid[])
      AS m(message_id, conversation_id, sender_id)
    JOIN conversation_participants cp ON cp.conversation_id = m.conversation_id AND cp.removed_at IS NULL AND cp.person_id <> m.sender_id`;
  await enqueueForSubjects(db, { topic: 'message', category: 'message', confidential: true, at, recipients });
}

/**
 * Claims due notifications for this worker: pending ones whose time has come, and ones another worker took
 * but did not finish before its lease ran out (it crashed). SKIP LOCKED lets several workers share the table.
 */
export async function claimDue(db: Kysely<DB>, now: Date, leaseUntil: Date, limit: number) {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      id: string; person_id: string; topic: string; subject_id: string; channel: 'email' | 'sms' | 'push';
      category: NotificationCategory; confidential: boolean; attempts: number; created_at: Date;
    }>`
      UPDATE notification_outbox o SET status = 'sending', locked_until = ${leaseUntil}, attempts = o.attempts + 1
      WHERE o.id IN (
        SELECT id FROM notification_outbox
        WHERE ((status = 'pending' AND due_at <= ${now}) OR (status = 'sending' AND locked_until < ${now}))
          AND outcome IS DISTINCT FROM 'digest'
        ORDER BY due_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.person_id, o.topic, o.subject_id, o.channel, o.category, o.confidential, o.attempts, o.created_at`.execute(tx);
    return rows;
  });
}

/** People with a daily digest due: e-mails held for the digest whose time has come (or whose sender died). */
export async function findDigestsDue(db: Db, now: Date, limit: number): Promise<string[]> {
  const { rows } = await sql<{ person_id: string }>`
    SELECT DISTINCT person_id FROM notification_outbox
    WHERE outcome = 'digest' AND ((status = 'pending' AND due_at <= ${now}) OR (status = 'sending' AND locked_until < ${now}))
    LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.person_id);
}

/** Claims all of one person's due digest e-mails at once, so they go in one mail. */
export async function claimDigest(db: Db, personId: string, now: Date, leaseUntil: Date) {
  const { rows } = await sql<Awaited<ReturnType<typeof claimDue>>[number]>`
    UPDATE notification_outbox o SET status = 'sending', locked_until = ${leaseUntil}, attempts = o.attempts + 1
    WHERE o.id IN (
      SELECT id FROM notification_outbox
      WHERE person_id = ${personId} AND outcome = 'digest'
        AND ((status = 'pending' AND due_at <= ${now}) OR (status = 'sending' AND locked_until < ${now}))
      FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.person_id, o.topic, o.subject_id, o.channel, o.category, o.confidential, o.attempts, o.created_at`.execute(db);
  return rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id));
}

export async function finish(db: Db, id: string, status: 'sent' | 'skipped' | 'failed', outcome: string, at: Date): Promise<void> {
  await db.updateTable('notification_outbox').set({ status, outcome, sent_at: status === 'sent' ? at : null, locked_until: null }).where('id', '=', id).execute();
}

export async function reschedule(db: Db, id: string, dueAt: Date, outcome: string): Promise<void> {
  await db.updateTable('notification_outbox').set({ status: 'pending', due_at: dueAt, locked_until: null, outcome }).where('id', '=', id).execute();
}

/** The person as the worker addresses them; `email` is null while the address on file is one that bounced. */
export async function findRecipient(db: Db, personId: string) {
  const row = await db
    .selectFrom('persons as p')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .leftJoin('notification_settings as s', 's.person_id', 'p.id')
    .leftJoin('email_bounces as b', (j) => j.onRef('b.person_id', '=', 'p.id').on('b.address', '=', sql<string>`lower(p.email)`))
    .select(['p.id', 'p.given_name', 'p.email', 'p.phone', 'p.preferred_language', 'u.locale', 's.quiet_from', 's.quiet_until', 'b.person_id as bounced'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  return row && { ...row, email: row.bounced ? null : row.email };
}

/**
 * A mail server refused the address for good: everyone whose address it is now counts as having no e-mail, until
 * their address changes (email_bounces keeps the address that bounced).
 */
export async function markEmailBounced(db: Db, address: string, response: string, at: Date): Promise<void> {
  await db.insertInto('email_bounces')
    .columns(['person_id', 'address', 'bounced_at', 'response'])
    .expression(db.selectFrom('persons').select([
      'id', sql<string>`lower(email)`.as('address'), sql<Date>`${at}::timestamptz`.as('bounced_at'), sql<string>`${response.slice(0, 500)}::text`.as('response'),
    ]).where(sql<string>`lower(email)`, '=', address.toLowerCase()))
    .onConflict((oc) => oc.column('person_id').doUpdateSet((eb) => ({ address: eb.ref('excluded.address'), bounced_at: eb.ref('excluded.bounced_at'), response: eb.ref('excluded.response') })))
    .execute();
}

export async function findPreference(db: Db, personId: string, category: NotificationCategory) {
  const row = await db.selectFrom('notification_preferences').select('mode').where('person_id', '=', personId).where('category', '=', category).executeTakeFirst();
  return row?.mode ?? 'instant';
}

export async function isAnnouncementRead(db: Db, announcementId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom('announcement_recipients').select('read_at').where('announcement_id', '=', announcementId).where('person_id', '=', personId).executeTakeFirst();
  return !row || row.read_at !== null;
}

export async function isMessageRead(db: Db, messageId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversation_messages as m')
    .leftJoin('conversation_participants as cp', (j) => j.onRef('cp.conversation_id', '=', 'm.conversation_id').on('cp.person_id', '=', personId))
    .select(['m.created_at', 'cp.last_read_at', 'cp.removed_at', 'cp.person_id'])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!row || !row.person_id || row.removed_at) return true;
  return row.last_read_at !== null && row.last_read_at >= row.created_at;
}

export async function findAnnouncementText(db: Db, id: string) {
  return db.selectFrom('announcements as a').leftJoin('schools as s', 's.id', 'a.school_id').innerJoin('school_owners as o', 'o.id', 'a.owner_id')
    .select(['a.title', 'a.body', 's.name as school_name', 'o.name as owner_name']).where('a.id', '=', id).executeTakeFirst();
}

export async function findMessageContext(db: Db, messageId: string) {
  return db.selectFrom('conversation_messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('persons as p', 'p.id', 'm.sender_id').innerJoin('schools as s', 's.id', 'c.school_id')
    .select(['c.id as conversation_id', 'p.given_name', 'p.family_name', 's.name as school_name']).where('m.id', '=', messageId).executeTakeFirst();
}

export async function findOutbox(db: Db, subjectId: string) {
  return db.selectFrom('notification_outbox').select(['person_id', 'channel', 'status', 'outcome', 'attempts', 'sent_at']).where('subject_id', '=', subjectId).execute();
}

export async function upsertPreference(db: Db, personId: string, category: NotificationCategory, mode: 'instant' | 'digest' | 'off') {
  await db.insertInto('notification_preferences').values({ person_id: personId, category, mode })
    .onConflict((oc) => oc.columns(['person_id', 'category']).doUpdateSet({ mode })).execute();
}

export async function findPreferences(db: Db, personId: string) {
  const [prefs, settings] = await Promise.all([
    db.selectFrom('notification_preferences').select(['category', 'mode']).where('person_id', '=', personId).execute(),
    db.selectFrom('notification_settings').select(['quiet_from', 'quiet_until']).where('person_id', '=', personId).executeTakeFirst(),
  ]);
  return { prefs, settings };
}

export async function upsertQuietHours(db: Db, personId: string, quietFrom: number, quietUntil: number) {
  await db.insertInto('notification_settings').values({ person_id: personId, quiet_from: quietFrom, quiet_until: quietUntil })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ quiet_from: quietFrom, quiet_until: quietUntil })).execute();
}
