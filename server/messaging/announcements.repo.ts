import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';
import type { Audience } from '@shared/contracts/messaging';
import type { AnnouncementCategory } from './messaging.tables';

type Db = Kysely<DB> | Transaction<DB>;

/** The students an audience means, as a subquery with one column, student_id. */
export function audienceStudents(db: Db, audience: Audience) {
  switch (audience.type) {
    case 'groups':
      return db.selectFrom('enrolments').select('student_id').where('group_id', 'in', audience.groupIds);
    case 'levels':
      return db.selectFrom('enrolments as e').innerJoin('groups as g', 'g.id', 'e.group_id').select('e.student_id')
        .where('g.school_id', '=', audience.schoolId).where('g.kind', '=', 'class').where('g.level', 'in', audience.levels);
    case 'school':
      return db.selectFrom('students').select('person_id as student_id').where('school_id', '=', audience.schoolId);
    case 'owner':
      return db.selectFrom('students as s').innerJoin('schools as sc', 'sc.id', 's.school_id').select('s.person_id as student_id').where('sc.owner_id', '=', audience.ownerId);
    case 'students':
      return db.selectFrom('students').select('person_id as student_id').where('person_id', 'in', audience.studentIds);
  }
}

/** Schools and groups an audience touches, for the policy. */
export async function findAudienceScope(db: Db, audience: Audience) {
  if (audience.type === 'groups') {
    return db.selectFrom('groups').select([sql<string | null>`NULL::uuid`.as('student_id'), 'id as group_id', 'school_id']).where('id', 'in', audience.groupIds).execute();
  }
  if (audience.type === 'students') {
    return db.selectFrom('students as s').leftJoin('enrolments as e', 'e.student_id', 's.person_id')
      .select(['s.person_id as student_id', 'e.group_id', 's.school_id']).where('s.person_id', 'in', audience.studentIds).execute();
  }
  return [];
}

export async function findSchoolOwner(db: Db, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'owner_id']).where('id', '=', schoolId).executeTakeFirst();
}

export async function insertAnnouncement(db: Db, row: {
  ownerId: string; schoolId: string | null; authorId: string; title: string; body: string; category: AnnouncementCategory;
  audience: Audience; parentalResponsibilityOnly: boolean; includeStudents: boolean; requiresAck: boolean; confidential?: boolean; sendAt: Date; at: Date;
}): Promise<string> {
  const r = await db.insertInto('announcements').values({
    owner_id: row.ownerId, school_id: row.schoolId, author_id: row.authorId, title: row.title, body: row.body, category: row.category,
    audience: JSON.stringify(row.audience), parental_responsibility_only: row.parentalResponsibilityOnly, include_students: row.includeStudents,
    requires_ack: row.requiresAck, confidential: row.confidential ?? false, send_at: row.sendAt, created_at: row.at,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertAttachments(db: Db, announcementId: string, files: { filename: string; contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp'; content: Buffer }[]) {
  if (files.length === 0) return;
  await db.insertInto('announcement_attachments').values(files.map((f) => ({
    announcement_id: announcementId, filename: f.filename, content_type: f.contentType, size_bytes: f.content.length, content: f.content,
  }))).execute();
}

/**
 * Resolves the audience and writes one receipt row per recipient in ONE statement per kind (issue 3:
 * fan-out is set-based). Guardians: those with access on the date (parental responsibility, residence rule,
 * age 18); with parentalResponsibilityOnly off, also parents without it, of under-18 students.
 * The guardians' rows cannot conflict: DISTINCT ON gives each guardian one, and an announcement is fanned out once
 * (in the transaction that creates it, or that locks it as due and marks it sent). So that statement has no
 * ON CONFLICT, whose speculative insertion (a check before and a confirmation after every row) took a quarter
 * of its time on PostgreSQL; a second fan-out of the same announcement fails on the primary key instead.
 */
export async function fanOut(db: Db, a: { id: string; audience: Audience; parentalResponsibilityOnly: boolean; includeStudents: boolean; onDate: string; sentAt: Date }): Promise<number> {
  const students = audienceStudents(db, a.audience);
  // Decided here rather than by a parameter, so the planner sees which rule applies and filters early.
  const reached = a.parentalResponsibilityOnly
    ? sql`ga.has_access`
    : sql`(ga.has_access OR (NOT ga.parental_responsibility AND NOT ga.student_adult))`;
  // A whole school or owner is a column of guardianship_access() itself (0020): no second join of students and
  // schools beside the function's own. Narrower audiences are a list of students.
  const audience = a.audience.type === 'owner' ? sql`ga.owner_id = ${a.audience.ownerId}::uuid`
    : a.audience.type === 'school' ? sql`ga.school_id = ${a.audience.schoolId}::uuid`
    : sql`ga.student_id IN (${students})`;
  const guardians = await sql`
    INSERT INTO announcement_recipients (announcement_id, person_id, student_id, kind, sent_at)
    SELECT DISTINCT ON (ga.guardian_id) ${a.id}::uuid, ga.guardian_id, ga.student_id, 'guardian', ${a.sentAt}::timestamptz
    FROM guardianship_access(${a.onDate}::date) ga
    WHERE ${audience} AND ${reached}
    ORDER BY ga.guardian_id, ga.student_id`.execute(db);
  let count = Number(guardians.numAffectedRows ?? 0);
  if (a.includeStudents) {
    // A student may also be a guardian in the audience (an adult student's own child): one copy each.
    const own = await sql`
      INSERT INTO announcement_recipients (announcement_id, person_id, student_id, kind, sent_at)
      SELECT DISTINCT ${a.id}::uuid, aud.student_id, aud.student_id, 'student', ${a.sentAt}::timestamptz FROM (${students}) aud
      ON CONFLICT DO NOTHING`.execute(db);
    count += Number(own.numAffectedRows ?? 0);
  }
  await db.updateTable('announcements').set({ sent_at: a.sentAt }).where('id', '=', a.id).execute();
  return count;
}

export async function findDueAnnouncements(db: Db, now: Date, limit = 20) {
  return db.selectFrom('announcements').select(['id', 'audience', 'parental_responsibility_only', 'include_students', 'send_at'])
    .where('sent_at', 'is', null).where('cancelled_at', 'is', null).where('send_at', '<=', now).orderBy('send_at').limit(limit).execute();
}

/**
 * Locks one due announcement for sending, so two workers never fan out the same one twice, and never one that was
 * cancelled: a cancel holds the same row lock (cancelScheduled), and 0013's check refuses a row both cancelled and sent.
 * Still due at `now`: a change that moved it later after findDueAnnouncements found it (updateScheduled) keeps it back.
 */
export async function lockDueAnnouncement(db: Transaction<DB>, id: string, now: Date) {
  return db.selectFrom('announcements').select(['id', 'audience', 'parental_responsibility_only', 'include_students', 'category', 'confidential'])
    .where('id', '=', id).where('sent_at', 'is', null).where('cancelled_at', 'is', null).where('send_at', '<=', now)
    .forUpdate().skipLocked().executeTakeFirst();
}

const studentNames = (db: Db) => db.selectFrom('students as s').innerJoin('persons as p', 'p.id', 's.person_id')
  .select(['s.person_id as id', 'p.given_name as givenName', 'p.family_name as familyName']);

export async function findStudentNamesAtSchool(db: Db, schoolId: string) {
  return studentNames(db).where('s.school_id', '=', schoolId).execute();
}

/** The students an announcement could name: those of its school, or of every school of the owner. */
export async function findStudentNames(db: Db, place: { schoolId: string | null; ownerId: string }) {
  if (place.schoolId) return findStudentNamesAtSchool(db, place.schoolId);
  return studentNames(db).where('s.school_id', 'in', db.selectFrom('schools').select('id').where('owner_id', '=', place.ownerId)).execute();
}

/**
 * Students whose family is everyone the audience reaches: every guardian who would get it is a guardian of theirs
 * (and, with includeStudents, no other student gets it). Naming such a student tells no one about someone else's
 * child. Guardians are counted generously (with or without access) so that doubt means a warning.
 */
export async function findStudentsWhoseFamilyIsTheAudience(db: Db, a: { audience: Audience; parentalResponsibilityOnly: boolean; includeStudents: boolean }) {
  const { rows } = await sql<{ student_id: string }>`
    WITH aud AS (${audienceStudents(db, a.audience)}),
    rec AS (
      SELECT DISTINCT g.guardian_id FROM aud JOIN guardianships g ON g.student_id = aud.student_id
      WHERE g.parental_responsibility OR ${!a.parentalResponsibilityOnly})
    SELECT DISTINCT c.student_id FROM rec JOIN guardianships c ON c.guardian_id = rec.guardian_id
    WHERE NOT EXISTS (
        SELECT 1 FROM rec r WHERE NOT EXISTS (SELECT 1 FROM guardianships g2 WHERE g2.guardian_id = r.guardian_id AND g2.student_id = c.student_id))
      AND (${!a.includeStudents} OR NOT EXISTS (SELECT 1 FROM aud WHERE aud.student_id <> c.student_id))`.execute(db);
  return rows.map((r) => r.student_id);
}

/** The schools someone may announce to as staff or as the owner's administrator, with their groups. */
export async function findAnnounceableSchools(db: Db, schoolIds: string[], ownerIds: string[]) {
  if (schoolIds.length === 0 && ownerIds.length === 0) return [];
  return db.selectFrom('schools').select(['id', 'name', 'owner_id'])
    .where((eb) => eb.or([
      ...(schoolIds.length > 0 ? [eb('id', 'in', schoolIds)] : []),
      ...(ownerIds.length > 0 ? [eb('owner_id', 'in', ownerIds)] : []),
    ]))
    .orderBy('name').execute();
}

export async function findGroupsOfSchools(db: Db, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return db.selectFrom('groups').select(['id', 'name', 'kind', 'level', 'school_id']).where('school_id', 'in', schoolIds)
    .orderBy('kind').orderBy(sql`length(level)`).orderBy('level').orderBy('name').execute();
}

export async function findStudentsOfGroups(db: Db, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db.selectFrom('enrolments as e').innerJoin('persons as p', 'p.id', 'e.student_id')
    .select(['e.group_id', 'p.id', 'p.given_name', 'p.family_name']).where('e.group_id', 'in', groupIds)
    .orderBy('p.given_name').orderBy('p.family_name').execute();
}

export async function findOwners(db: Db, ownerIds: string[]) {
  if (ownerIds.length === 0) return [];
  return db.selectFrom('school_owners').select(['id', 'name']).where('id', 'in', ownerIds).orderBy('name').execute();
}

const listColumns = [
  'a.id', 'a.title', 'a.category', 'a.sent_at', 'a.requires_ack', 'a.author_id', 'a.school_id', 'a.owner_id', 'a.parental_responsibility_only',
  'au.given_name as author_given_name', 'au.family_name as author_family_name',
] as const;
const viewColumns = [...listColumns, 'a.body', 'a.audience', 'a.confidential'] as const;

/**
 * A person's received announcements, newest first, for the inbox (inbox.repo.ts): one range of the
 * (person_id, sent_at) index that stops at `limit`, however long the history (0007). No bodies: a list shows titles.
 * `before`: the page after that announcement of theirs (ties in time in id order, as several due ones go out at
 * the same instant), for "show older".
 */
export function receivedPage(db: Db, personId: string, limit: number, before?: string) {
  let q = db.selectFrom('announcement_recipients as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .innerJoin('persons as au', 'au.id', 'a.author_id')
    .select([...listColumns, 'r.read_at', 'r.acknowledged_at', 'r.student_id', 'r.kind'])
    .where('r.person_id', '=', personId);
  if (before !== undefined) {
    q = q.where(sql<boolean>`(r.sent_at, r.announcement_id) < ((SELECT b.sent_at FROM announcement_recipients b WHERE b.person_id = ${personId} AND b.announcement_id = ${before}), ${before}::uuid)`);
  }
  return q.orderBy('r.sent_at', 'desc').orderBy('r.announcement_id', 'desc').limit(limit);
}

export async function findAnnouncement(db: Db, id: string) {
  return db.selectFrom('announcements as a').innerJoin('persons as au', 'au.id', 'a.author_id')
    .select(viewColumns).where('a.id', '=', id).executeTakeFirst();
}

/** The names an audience points at, as a reader is told whom an announcement went to: its groups, school, owner. */
export async function findAudienceNames(db: Db, a: { audience: unknown; school_id: string | null; owner_id: string }) {
  const audience = a.audience as Audience;
  const [groups, school, owner] = await Promise.all([
    audience.type === 'groups' ? db.selectFrom('groups').select('name').where('id', 'in', audience.groupIds).orderBy('name').execute() : Promise.resolve(null),
    a.school_id ? db.selectFrom('schools').select('name').where('id', '=', a.school_id).executeTakeFirst() : Promise.resolve(undefined),
    db.selectFrom('school_owners').select('name').where('id', '=', a.owner_id).executeTakeFirstOrThrow(),
  ]);
  return { audience: a.audience, group_names: groups?.map((g) => g.name) ?? null, school_name: school?.name ?? null, owner_name: owner.name };
}

export async function findRecipientRow(db: Db, announcementId: string, personId: string) {
  return db.selectFrom('announcement_recipients').select(['read_at', 'acknowledged_at', 'student_id', 'kind'])
    .where('announcement_id', '=', announcementId).where('person_id', '=', personId).executeTakeFirst();
}

export async function markAnnouncementRead(db: Db, announcementId: string, personId: string, at: Date) {
  await db.updateTable('announcement_recipients').set({ read_at: at })
    .where('announcement_id', '=', announcementId).where('person_id', '=', personId).where('read_at', 'is', null).execute();
}

export async function acknowledge(db: Db, announcementId: string, personId: string, at: Date) {
  await db.updateTable('announcement_recipients')
    .set((eb) => ({ acknowledged_at: eb.fn.coalesce('acknowledged_at', eb.val(at)), read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('announcement_id', '=', announcementId).where('person_id', '=', personId).execute();
}

export async function findAttachmentList(db: Db, announcementId: string) {
  return db.selectFrom('announcement_attachments').select(['id', 'filename', 'content_type', 'size_bytes'])
    .where('announcement_id', '=', announcementId).orderBy('filename').execute();
}

export async function findAttachment(db: Db, announcementId: string, attachmentId: string) {
  return db.selectFrom('announcement_attachments').select(['filename', 'content_type', 'content'])
    .where('announcement_id', '=', announcementId).where('id', '=', attachmentId).executeTakeFirst();
}

/**
 * Every recipient of an announcement with what the sender follows. A guardian's row names each of their children in
 * the audience (a mother of two in the school gets one copy, for both), the student's own copy its student.
 */
export async function findReceipts(db: Db, announcementId: string, audience: Audience) {
  return db.selectFrom('announcement_recipients as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('persons as s', 's.id', 'r.student_id')
    .leftJoin('students as st', 'st.person_id', 'r.student_id')
    .select([
      'r.person_id', 'r.kind', 'r.read_at', 'r.acknowledged_at', 'p.given_name', 'p.family_name', 'p.preferred_language', 'p.address_protection',
      's.given_name as student_given_name', 's.family_name as student_family_name', 'st.school_id',
      (eb) => eb.selectFrom('guardianships as g').innerJoin('persons as c', 'c.id', 'g.student_id')
        .select(sql<string[]>`coalesce(jsonb_agg(c.given_name || ' ' || c.family_name ORDER BY c.given_name, c.family_name), '[]'::jsonb)`.as('names'))
        .whereRef('g.guardian_id', '=', 'r.person_id')
        .where('g.student_id', 'in', audienceStudents(db, audience))
        .as('children_in_audience'),
    ])
    .where('r.announcement_id', '=', announcementId)
    .orderBy('r.read_at', (ob) => ob.desc().nullsFirst())
    .orderBy('p.family_name')
    .execute();
}

export async function findSchedule(db: Db, id: string) {
  return db.selectFrom('announcements').select(['send_at', 'sent_at', 'confidential', 'cancelled_at']).where('id', '=', id).executeTakeFirst();
}

/**
 * Marks a scheduled announcement cancelled, if it has neither gone out nor been cancelled: one UPDATE, which waits
 * for a worker that has locked the row to send it and then sees it sent (and changes nothing). Undefined: not changed.
 */
export async function cancelScheduled(db: Db, id: string, by: string, at: Date) {
  return db.updateTable('announcements').set({ cancelled_at: at, cancelled_by: by })
    .where('id', '=', id).where('sent_at', 'is', null).where('cancelled_at', 'is', null)
    .returning('cancelled_at').executeTakeFirst();
}

/** What cancelling needs to know of an announcement: whose, where, and whether it has gone out or been cancelled. */
export async function findCancelState(db: Db, id: string) {
  return db.selectFrom('announcements').select(['id', 'author_id', 'school_id', 'owner_id', 'sent_at', 'cancelled_at'])
    .where('id', '=', id).executeTakeFirst();
}

/** A scheduled announcement as its edit form starts from it, with what the policy and the content check need. */
export async function findEditable(db: Db, id: string) {
  return db.selectFrom('announcements').select([
    'id', 'author_id', 'school_id', 'owner_id', 'title', 'body', 'category', 'audience', 'parental_responsibility_only', 'include_students',
    'requires_ack', 'confidential', 'send_at', 'sent_at', 'cancelled_at', 'edited_at',
  ]).where('id', '=', id).executeTakeFirst();
}

export interface ScheduledChange {
  title?: string;
  body?: string;
  category?: AnnouncementCategory;
  audience?: Audience;
  /** Where a changed audience is (it decides who may cancel and follow it). */
  ownerId?: string;
  schoolId?: string | null;
  parentalResponsibilityOnly?: boolean;
  includeStudents?: boolean;
  requiresAck?: boolean;
  confidential?: boolean;
  sendAt?: Date;
}

/**
 * Changes a scheduled announcement if it has neither gone out nor been cancelled: ONE conditional UPDATE, as a cancel
 * is. A worker that has locked the row to send it is waited for, and the row is then seen sent (nothing changes); a
 * worker that comes after sees the change (and, moved later, no longer due: lockDueAnnouncement). Undefined: not changed.
 */
export async function updateScheduled(db: Db, id: string, change: ScheduledChange, by: string, at: Date) {
  const set = {
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(change.body !== undefined ? { body: change.body } : {}),
    ...(change.category !== undefined ? { category: change.category } : {}),
    ...(change.audience !== undefined ? { audience: JSON.stringify(change.audience) } : {}),
    ...(change.ownerId !== undefined ? { owner_id: change.ownerId } : {}),
    ...(change.schoolId !== undefined ? { school_id: change.schoolId } : {}),
    ...(change.parentalResponsibilityOnly !== undefined ? { parental_responsibility_only: change.parentalResponsibilityOnly } : {}),
    ...(change.includeStudents !== undefined ? { include_students: change.includeStudents } : {}),
    ...(change.requiresAck !== undefined ? { requires_ack: change.requiresAck } : {}),
    ...(change.confidential !== undefined ? { confidential: change.confidential } : {}),
    ...(change.sendAt !== undefined ? { send_at: change.sendAt } : {}),
  };
  return db.updateTable('announcements').set({ ...set, edited_at: at, edited_by: by })
    .where('id', '=', id).where('sent_at', 'is', null).where('cancelled_at', 'is', null)
    .returning(['send_at', 'edited_at']).executeTakeFirst();
}

export interface SentRow {
  id: string;
  title: string;
  category: AnnouncementCategory;
  audience: unknown;
  author_id: string;
  school_id: string | null;
  owner_id: string;
  author_given_name: string;
  author_family_name: string;
  send_at: Date;
  sent_at: Date | null;
  cancelled_at: Date | null;
  requires_ack: boolean;
  school_name: string | null;
  owner_name: string;
  /** The names of the groups of a 'groups' audience, by name; null for other audiences. */
  group_names: string[] | null;
  recipients: number;
  read: number;
  acknowledged: number;
}

/**
 * A page of sent and scheduled announcements, newest first (by send_at, then id), with their receipt counts: ONE
 * statement. Each part of the scope (written by, at these schools, of these owners) is one range of its index (0013),
 * read from `before` and stopped after a page; their union is cut to a page, and only that page's receipts are
 * counted, each announcement's one range of the receipts' primary key.
 */
export async function findSentPage(db: Db, scope: { authorId: string; schoolIds: string[]; ownerIds: string[] }, limit: number, before?: string): Promise<SentRow[]> {
  const after = before
    ? sql`AND (a.send_at, a.id) < ((SELECT b.send_at FROM announcements b WHERE b.id = ${before}::uuid), ${before}::uuid)`
    : sql``;
  const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}::uuid`));
  const part = (where: ReturnType<typeof sql>) =>
    sql`(SELECT a.id, a.send_at FROM announcements a WHERE ${where} ${after} ORDER BY a.send_at DESC, a.id DESC LIMIT ${limit})`;
  const parts = [
    part(sql`a.author_id = ${scope.authorId}::uuid`),
    ...(scope.schoolIds.length > 0 ? [part(sql`a.school_id IN (${ids(scope.schoolIds)})`)] : []),
    ...(scope.ownerIds.length > 0 ? [part(sql`a.owner_id IN (${ids(scope.ownerIds)})`)] : []),
  ];
  const { rows } = await sql<SentRow>`
    WITH scoped AS (${sql.join(parts, sql` UNION `)}),
    page AS (SELECT id, send_at FROM scoped ORDER BY send_at DESC, id DESC LIMIT ${limit})
    SELECT a.id, a.title, a.category, a.audience, a.author_id, a.school_id, a.owner_id,
           au.given_name AS author_given_name, au.family_name AS author_family_name,
           a.send_at, a.sent_at, a.cancelled_at, a.requires_ack, sc.name AS school_name, o.name AS owner_name,
           CASE WHEN a.audience->>'type' = 'groups' THEN (
             SELECT coalesce(jsonb_agg(g.name ORDER BY g.name), '[]'::jsonb) FROM groups g
             WHERE g.id IN (SELECT jsonb_array_elements_text(a.audience->'groupIds')::uuid)) END AS group_names,
           c.recipients, c.read, c.acknowledged
    FROM page p
    JOIN announcements a ON a.id = p.id
    JOIN persons au ON au.id = a.author_id
    JOIN school_owners o ON o.id = a.owner_id
    LEFT JOIN schools sc ON sc.id = a.school_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS recipients, count(r.read_at)::int AS read, count(r.acknowledged_at)::int AS acknowledged
      FROM announcement_recipients r WHERE r.announcement_id = a.id) c
    ORDER BY p.send_at DESC, p.id DESC`.execute(db);
  return rows;
}

/** The notifications about an announcement (notification_outbox, topic 'announcement'), for receipts. */
export async function findAnnouncementNotifications(db: Db, announcementId: string) {
  return db.selectFrom('notification_outbox').select(['person_id', 'channel', 'status', 'outcome'])
    .where('topic', '=', 'announcement').where('subject_id', '=', announcementId).execute();
}

export async function findRecipientIds(db: Db, announcementId: string): Promise<string[]> {
  const rows = await db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', announcementId).execute();
  return rows.map((r) => r.person_id);
}
