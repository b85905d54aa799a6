// What the notification outbox asks of absence: who is told, and the facts the words are made of.
import { sql } from 'kysely';
import type { Db } from './absence.repo';

/**
 * The guardians with access to the student of each follow-up, on its day (parental responsibility, residence,
 * 18), as (person, follow-up) pairs: a school's whole morning in one statement.
 */
export function unexplainedAbsenceRecipients(db: Db, followupIds: string[]) {
  return db
    .selectFrom('absence_followups as f')
    .innerJoin(sql<{ guardian_id: string; student_id: string }>`LATERAL guardian_access(f.date)`.as('ga'), 'ga.student_id', 'f.student_id')
    .select(['ga.guardian_id as person_id', 'f.id as subject_id'])
    .where('f.id', 'in', followupIds);
}

/** The guardians with access to the student a leave application is for: both homes are told (1.3, 3.9). */
export function leaveDecisionRecipients(db: Db, applicationId: string, onDate: string) {
  return db
    .selectFrom('leave_applications as l')
    .innerJoin(sql<{ guardian_id: string; student_id: string }>`guardian_access(${onDate}::date)`.as('ga'), 'ga.student_id', 'l.student_id')
    .select('ga.guardian_id as person_id')
    .where('l.id', '=', applicationId);
}

export async function findFollowupForNotice(db: Db, followupId: string) {
  return db.selectFrom('absence_followups as f').innerJoin('persons as p', 'p.id', 'f.student_id').innerJoin('schools as s', 's.id', 'f.school_id')
    .select(['p.given_name', 's.name as school', 's.office_phone', 'f.date']).where('f.id', '=', followupId).executeTakeFirst();
}

export async function findLeaveForNotice(db: Db, applicationId: string) {
  return db.selectFrom('leave_applications as l').innerJoin('persons as p', 'p.id', 'l.student_id').innerJoin('schools as s', 's.id', 'l.school_id')
    .select(['p.given_name', 's.name as school', 'l.status']).where('l.id', '=', applicationId).executeTakeFirst();
}

/** The family has been heard from since the alert was raised: a report or approved leave now covers the day, or staff resolved it. */
export async function isFamilyHeardFrom(db: Db, followupId: string): Promise<boolean> {
  const { rows } = await sql<{ heard: boolean }>`
    SELECT (f.resolved_at IS NOT NULL
      OR EXISTS (SELECT 1 FROM absence_reports r WHERE r.student_id = f.student_id AND r.status = 'active' AND f.date BETWEEN r.from_date AND r.to_date)
      OR EXISTS (SELECT 1 FROM leave_applications l WHERE l.student_id = f.student_id AND l.status = 'approved' AND f.date BETWEEN l.from_date AND l.to_date)) AS heard
    FROM absence_followups f WHERE f.id = ${followupId}`.execute(db);
  return rows[0]?.heard ?? false;
}
