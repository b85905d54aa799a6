// Guardians' absence reports.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from './absence.repo';
import type { AbsenceTables } from './absence.tables';

type ReportRow = AbsenceTables['absence_reports'];

export async function insertReports(db: Db, rows: Insertable<ReportRow>[]) {
  return db.insertInto('absence_reports').values(rows).returning(['id', 'student_id']).execute();
}

export async function findReport(db: Db, id: string) {
  return db.selectFrom('absence_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateReport(db: Db, id: string, set: Updateable<ReportRow>) {
  await db.updateTable('absence_reports').set(set).where('id', '=', id).execute();
}

/** Reports with the names staff and guardians see, and whether the child is in AKS (the report reaches it too). */
export async function findReportDetails(db: Db, filter: { ids: string[] } | { studentIds: string[]; from: string; to: string; activeOnly?: boolean }) {
  let q = db
    .selectFrom('absence_reports as r')
    .innerJoin('persons as s', 's.id', 'r.student_id')
    .innerJoin('persons as rb', 'rb.id', 'r.reported_by')
    .innerJoin('persons as ub', 'ub.id', 'r.updated_by')
    .select(['r.id', 'r.student_id', 'r.school_id', 'r.from_date', 'r.to_date', 'r.from_time', 'r.until_time', 'r.reason', 'r.status', 'r.created_at', 'r.updated_at',
      's.given_name as s_given', 's.family_name as s_family', 'rb.id as rb_id', 'rb.given_name as rb_given', 'rb.family_name as rb_family',
      'ub.id as ub_id', 'ub.given_name as ub_given', 'ub.family_name as ub_family',
      sql<boolean>`EXISTS (SELECT 1 FROM enrolments e JOIN groups g ON g.id = e.group_id WHERE e.student_id = r.student_id AND g.kind = 'aks')`.as('reaches_aks')])
    .orderBy('r.from_date').orderBy('r.created_at');
  if ('ids' in filter) {
    if (filter.ids.length === 0) return [];
    q = q.where('r.id', 'in', filter.ids);
  } else {
    if (filter.studentIds.length === 0) return [];
    q = q.where('r.student_id', 'in', filter.studentIds).where('r.from_date', '<=', filter.to).where('r.to_date', '>=', filter.from);
    if (filter.activeOnly) q = q.where('r.status', '=', 'active');
  }
  return q.execute();
}
export type ReportDetail = Awaited<ReturnType<typeof findReportDetails>>[number];
