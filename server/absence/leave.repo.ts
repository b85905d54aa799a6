// Leave applications and their decisions (enkeltvedtak).
import type { Insertable } from 'kysely';
import type { Db } from './absence.repo';
import type { AbsenceTables, LeaveStatus } from './absence.tables';

export async function insertApplication(db: Db, row: Insertable<AbsenceTables['leave_applications']>) {
  return (await db.insertInto('leave_applications').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setStatus(db: Db, id: string, status: LeaveStatus, at: Date) {
  await db.updateTable('leave_applications').set({ status, updated_at: at }).where('id', '=', id).execute();
}

export async function insertDecision(db: Db, row: Insertable<AbsenceTables['leave_decisions']>) {
  await db.insertInto('leave_decisions').values(row).execute();
}

function details(db: Db) {
  return db
    .selectFrom('leave_applications as l')
    .innerJoin('persons as s', 's.id', 'l.student_id')
    .innerJoin('persons as ab', 'ab.id', 'l.applied_by')
    .innerJoin('schools as sc', 'sc.id', 'l.school_id')
    .leftJoin('leave_decisions as d', 'd.application_id', 'l.id')
    .leftJoin('persons as db', 'db.id', 'd.decided_by')
    .select(['l.id', 'l.student_id', 'l.school_id', 'sc.name as school_name', 'sc.owner_id', 'l.kind', 'l.from_date', 'l.to_date', 'l.school_days', 'l.reason', 'l.status', 'l.created_at',
      's.given_name as s_given', 's.family_name as s_family', 'ab.id as ab_id', 'ab.given_name as ab_given', 'ab.family_name as ab_family',
      'd.outcome', 'd.decider_role', 'd.decided_at', 'd.reasons', 'd.best_interests', 'd.student_views', 'd.appeal_deadline',
      'db.id as db_id', 'db.given_name as db_given', 'db.family_name as db_family'])
    .orderBy('l.from_date').orderBy('l.created_at');
}
export type LeaveDetail = Awaited<ReturnType<ReturnType<typeof details>['execute']>>[number];

export async function findApplication(db: Db, id: string) {
  return details(db).where('l.id', '=', id).executeTakeFirst();
}

/** Applications for these students, at these schools, or of students in these groups (any that match). */
export async function findApplications(db: Db, f: { studentIds: string[]; schoolIds: string[]; groupIds: string[]; status?: LeaveStatus | undefined; from?: string; to?: string }) {
  if (f.studentIds.length + f.schoolIds.length + f.groupIds.length === 0) return [];
  let q = details(db).where((eb) => eb.or([
    ...(f.studentIds.length ? [eb('l.student_id', 'in', f.studentIds)] : []),
    ...(f.schoolIds.length ? [eb('l.school_id', 'in', f.schoolIds)] : []),
    ...(f.groupIds.length ? [eb('l.student_id', 'in', eb.selectFrom('enrolments').select('student_id').where('group_id', 'in', f.groupIds))] : []),
  ]));
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.from) q = q.where('l.to_date', '>=', f.from);
  if (f.to) q = q.where('l.from_date', '<=', f.to);
  return q.execute();
}

/** Every approved ordinary application of these students (what a list of applications counts each one against). */
export async function findApprovedOrdinary(db: Db, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('leave_applications').select(['id', 'student_id', 'from_date', 'school_days'])
    .where('student_id', 'in', [...new Set(studentIds)]).where('status', '=', 'approved').where('kind', '=', 'ordinary')
    .execute();
}

/** Approved leave overlapping a span: those days are documented absence. */
export async function findApprovedLeave(db: Db, studentIds: string[], from: string, to: string) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('leave_applications').select(['id', 'student_id', 'kind', 'from_date', 'to_date'])
    .where('student_id', 'in', studentIds).where('status', '=', 'approved')
    .where('from_date', '<=', to).where('to_date', '>=', from)
    .execute();
}
