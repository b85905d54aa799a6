// Unexplained absence (3.2): students registered absent with neither a guardian's report nor approved leave,
// and the follow-up rows the morning check makes of them, one per student and day.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './absence.repo';
import type { FollowupResolution } from './absence.tables';

/**
 * A student counts as absent when the first register of the day that holds them (the day register, or the
 * earliest lesson) says so, in a class group of the school. A report of part of the day explains it too.
 */
function unexplainedOn(schoolId: string, date: string): RawBuilder<{ student_id: string; group_id: string }> {
  return sql<{ student_id: string; group_id: string }>`
    SELECT first.student_id, first.group_id FROM (
      SELECT DISTINCT ON (m.student_id) m.student_id, m.group_id, m.status
      FROM attendance_marks m JOIN groups g ON g.id = m.group_id
      WHERE g.school_id = ${schoolId} AND g.kind = 'class' AND m.date = ${date}
      ORDER BY m.student_id, m.period) first
    WHERE first.status = 'absent'
      AND NOT EXISTS (SELECT 1 FROM absence_reports r
        WHERE r.student_id = first.student_id AND r.status = 'active' AND ${date}::date BETWEEN r.from_date AND r.to_date)
      AND NOT EXISTS (SELECT 1 FROM leave_applications l
        WHERE l.student_id = first.student_id AND l.status = 'approved' AND ${date}::date BETWEEN l.from_date AND l.to_date)`;
}

export async function findUnexplained(db: Db, schoolId: string, date: string) {
  const { rows } = await sql<{ student_id: string; group_id: string; group_name: string; given_name: string; family_name: string }>`
    SELECT u.student_id, u.group_id, g.name AS group_name, p.given_name, p.family_name
    FROM (${unexplainedOn(schoolId, date)}) u JOIN persons p ON p.id = u.student_id JOIN groups g ON g.id = u.group_id
    ORDER BY g.name, p.family_name, p.given_name`.execute(db);
  return rows;
}

/** One set-based statement: a follow-up for each unexplained absence that has none yet. Returns the new ones. */
export async function insertFollowups(db: Db, schoolId: string, date: string, at: Date) {
  const { rows } = await sql<{ id: string; student_id: string }>`
    INSERT INTO absence_followups (school_id, group_id, student_id, date, created_at)
    SELECT ${schoolId}, u.group_id, u.student_id, ${date}, ${at} FROM (${unexplainedOn(schoolId, date)}) u
    ON CONFLICT (student_id, date) DO NOTHING
    RETURNING id, student_id`.execute(db);
  return rows;
}

/** Records how many guardians (with access on the day, 1.3) each follow-up's alert went to. */
export async function countAlertedGuardians(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; guardians_alerted: number }>`
    UPDATE absence_followups f SET guardians_alerted = (SELECT count(*) FROM guardian_access(f.date) ga WHERE ga.student_id = f.student_id)
    WHERE f.id IN (${sql.join(ids)})
    RETURNING f.id, f.guardians_alerted`.execute(db);
  return rows;
}

/** Follow-ups of a school's day, with the student, the class and any report that came in afterwards. */
export async function findFollowups(db: Db, filter: { date: string; schoolIds: string[]; groupIds: string[] }) {
  if (filter.schoolIds.length === 0 && filter.groupIds.length === 0) return [];
  return db
    .selectFrom('absence_followups as f')
    .innerJoin('persons as p', 'p.id', 'f.student_id')
    .innerJoin('groups as g', 'g.id', 'f.group_id')
    .leftJoin('persons as rb', 'rb.id', 'f.resolved_by')
    .select(['f.id', 'f.school_id', 'f.group_id', 'g.name as group_name', 'f.student_id', 'p.given_name', 'p.family_name', 'f.date', 'f.created_at',
      'f.resolved_at', 'f.resolution', 'rb.id as resolved_by_id', 'rb.given_name as resolved_by_given', 'rb.family_name as resolved_by_family'])
    .where('f.date', '=', filter.date)
    .where((eb) => eb.or([
      ...(filter.schoolIds.length ? [eb('f.school_id', 'in', filter.schoolIds)] : []),
      ...(filter.groupIds.length ? [eb('f.group_id', 'in', filter.groupIds)] : []),
    ]))
    .orderBy('g.name').orderBy('p.family_name').orderBy('p.given_name')
    .execute();
}

/** The guardians with access on the day, with what staff need to call them. */
export async function findGuardiansOn(db: Db, studentIds: string[], date: string) {
  if (studentIds.length === 0) return [];
  const { rows } = await sql<{ student_id: string; id: string; given_name: string; family_name: string; phone: string | null; address_protection: 'none' | 'fortrolig' | 'strengt_fortrolig' }>`
    SELECT ga.student_id, p.id, p.given_name, p.family_name, p.phone, p.address_protection
    FROM guardian_access(${date}::date) ga JOIN persons p ON p.id = ga.guardian_id
    WHERE ga.student_id IN (${sql.join(studentIds)})
    ORDER BY p.family_name, p.given_name`.execute(db);
  return rows;
}

export async function findFollowup(db: Db, id: string) {
  return db.selectFrom('absence_followups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveFollowup(db: Db, id: string, by: string, resolution: FollowupResolution, at: Date) {
  await db.updateTable('absence_followups').set({ resolved_at: at, resolved_by: by, resolution }).where('id', '=', id).execute();
}
