// The teacher's register: one row per group, date and period, and one mark per enrolled student.
import { sql } from 'kysely';
import type { Db } from './absence.repo';

export async function findEnrolledStudents(db: Db, groupId: string) {
  return db.selectFrom('enrolments as e').innerJoin('persons as p', 'p.id', 'e.student_id')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('e.group_id', '=', groupId)
    .orderBy('p.given_name').orderBy('p.family_name')
    .execute();
}

export async function findRegister(db: Db, groupId: string, date: string, period: number) {
  return db.selectFrom('attendance_registers as r').innerJoin('persons as p', 'p.id', 'r.registered_by')
    .select(['r.subject', 'r.registered_at', 'p.id', 'p.given_name', 'p.family_name'])
    .where('r.group_id', '=', groupId).where('r.date', '=', date).where('r.period', '=', period)
    .executeTakeFirst();
}

export async function findMarks(db: Db, groupId: string, date: string, period: number) {
  return db.selectFrom('attendance_marks').select(['student_id', 'status'])
    .where('group_id', '=', groupId).where('date', '=', date).where('period', '=', period)
    .execute();
}

/**
 * Saves a register in one statement: every enrolled student's mark (absent if listed, else present), and a
 * history row for each mark that changed. A first registration records only the absent.
 */
export async function saveRegister(db: Db, r: { groupId: string; date: string; period: number; subject: string | null; absentIds: string[]; by: string; at: Date }) {
  await db.insertInto('attendance_registers')
    .values({ group_id: r.groupId, date: r.date, period: r.period, subject: r.subject, registered_by: r.by, registered_at: r.at })
    .onConflict((oc) => oc.columns(['group_id', 'date', 'period']).doUpdateSet({ subject: r.subject, registered_by: r.by, registered_at: r.at }))
    .execute();
  const absent = r.absentIds.length > 0 ? sql<boolean>`e.student_id IN (${sql.join(r.absentIds)})` : sql<boolean>`false`;
  const recordId = `${r.groupId}:${r.date}:${r.period}`;
  await sql`
    WITH wanted AS (
      SELECT e.student_id, CASE WHEN ${absent} THEN 'absent' ELSE 'present' END AS status
      FROM enrolments e WHERE e.group_id = ${r.groupId}
    ), old AS (
      SELECT student_id, status FROM attendance_marks WHERE group_id = ${r.groupId} AND date = ${r.date} AND period = ${r.period}
    ), saved AS (
      INSERT INTO attendance_marks (group_id, date, period, student_id, status)
      SELECT ${r.groupId}, ${r.date}, ${r.period}, w.student_id, w.status FROM wanted w
      ON CONFLICT (group_id, date, period, student_id) DO UPDATE SET status = EXCLUDED.status
    )
    INSERT INTO absence_history (at, actor_id, student_id, record_type, record_id, action, before, after)
    SELECT ${r.at}, ${r.by}, w.student_id, 'attendance', ${recordId},
      CASE WHEN o.status IS NULL THEN 'registered' ELSE 'changed' END,
      CASE WHEN o.status IS NULL THEN NULL ELSE jsonb_build_object('status', o.status) END,
      jsonb_build_object('status', w.status, 'date', ${r.date}::text, 'period', ${r.period}::int, 'subject', ${r.subject}::text)
    FROM wanted w LEFT JOIN old o ON o.student_id = w.student_id
    WHERE o.status IS DISTINCT FROM w.status AND NOT (o.status IS NULL AND w.status = 'present')`.execute(db);
}

/** Every mark of students in a span of dates, with the register's subject: the raw facts of the overviews. */
export async function findMarksOfStudents(db: Db, studentIds: string[], from: string, to: string) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('attendance_marks as m')
    .innerJoin('attendance_registers as r', (j) => j.onRef('r.group_id', '=', 'm.group_id').onRef('r.date', '=', 'm.date').onRef('r.period', '=', 'm.period'))
    .select(['m.student_id', 'm.date', 'm.period', 'm.status', 'r.subject'])
    .where('m.student_id', 'in', studentIds).where('m.date', '>=', from).where('m.date', '<=', to)
    .orderBy('m.date').orderBy('m.period')
    .execute();
}
