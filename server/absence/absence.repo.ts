// SQL shared by the absence module's use cases: where a student belongs, the school and its owner, and the
// append-only history every change writes in its own transaction (3.5).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { HistoryRecordType } from './absence.tables';
import type { StudentPlace } from './absence.policy';

export type Db = Kysely<DB> | Transaction<DB>;

export interface HistoryEntry {
  actorId: string | null;
  studentId: string;
  recordType: HistoryRecordType;
  recordId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function insertHistory(db: Db, at: Date, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insertInto('absence_history').values(entries.map((e) => ({
    at, actor_id: e.actorId, student_id: e.studentId, record_type: e.recordType, record_id: e.recordId, action: e.action,
    before: e.before === undefined ? null : JSON.stringify(e.before), after: e.after === undefined ? null : JSON.stringify(e.after),
  }))).execute();
}

export async function findHistory(db: Db, studentId: string) {
  return db.selectFrom('absence_history').selectAll().where('student_id', '=', studentId).orderBy('id').execute();
}

/** Students with their school, owner and the school year running on a date. Unknown ids are left out. */
export async function findStudents(db: Db, studentIds: string[], onDate: string) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .leftJoin('school_years as y', (j) => j.onRef('y.school_id', '=', 's.school_id').on('y.starts_on', '<=', onDate).on('y.ends_on', '>=', onDate))
    .select(['p.id', 'p.given_name', 'p.family_name', 's.school_id', 'sc.name as school_name', 'sc.owner_id', 'sc.kind as school_kind', 'y.starts_on', 'y.ends_on'])
    .where('s.person_id', 'in', studentIds)
    .execute();
}

/** The groups (class, AKS) of students in the school year running on a date. */
export async function findCurrentGroups(db: Db, studentIds: string[], onDate: string) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('school_years as y', 'y.id', 'g.school_year_id')
    .select(['e.student_id', 'g.id', 'g.name', 'g.kind', 'g.level'])
    .where('e.student_id', 'in', studentIds)
    .where('y.starts_on', '<=', onDate)
    .where('y.ends_on', '>=', onDate)
    .orderBy('g.kind')
    .execute();
}

export async function findStudentPlace(db: Db, studentId: string, onDate: string): Promise<Place | undefined> {
  return (await findStudentPlaces(db, [studentId], onDate)).get(studentId);
}

/** Where students are on a date (their school and current groups), several at once in two statements: student id → place. */
type StudentGroup = { id: string; name: string; kind: 'class' | 'aks'; level: string | null };
type Place = StudentPlace & { student: Awaited<ReturnType<typeof findStudents>>[number]; groups: StudentGroup[] };

export async function findStudentPlaces(db: Db, studentIds: string[], onDate: string): Promise<Map<string, Place>> {
  const ids = [...new Set(studentIds)];
  const [students, groups] = await Promise.all([findStudents(db, ids, onDate), findCurrentGroups(db, ids, onDate)]);
  const groupsOf = new Map<string, StudentGroup[]>();
  for (const { student_id, ...group } of groups) {
    const own = groupsOf.get(student_id);
    if (own) own.push(group);
    else groupsOf.set(student_id, [group]);
  }
  return new Map(students.map((student) => {
    const own = groupsOf.get(student.id) ?? [];
    return [student.id, { studentId: student.id, schoolId: student.school_id, groupIds: own.map((g) => g.id), student, groups: own }];
  }));
}

/** Every school year of these schools. */
export async function findSchoolYearsOf(db: Db, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return db.selectFrom('school_years').select(['school_id', 'starts_on', 'ends_on']).where('school_id', 'in', [...new Set(schoolIds)]).execute();
}

export async function findSchool(db: Db, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'owner_id', 'kind']).where('id', '=', schoolId).executeTakeFirst();
}

export async function findSchoolYear(db: Db, schoolId: string, onDate: string) {
  return db.selectFrom('school_years').select(['starts_on', 'ends_on']).where('school_id', '=', schoolId)
    .where('starts_on', '<=', onDate).where('ends_on', '>=', onDate).executeTakeFirst();
}

export async function findPersonNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; givenName: string; familyName: string }>();
  const rows = await db.selectFrom('persons').select(['id', 'given_name', 'family_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, givenName: r.given_name, familyName: r.family_name }]));
}

/** Every student in a class group of the school this school year, with the class. */
export async function findClassStudentsOfSchool(db: Db, schoolId: string, onDate: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('school_years as y', 'y.id', 'g.school_year_id')
    .innerJoin('persons as p', 'p.id', 'e.student_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'g.id as group_id', 'g.name as group_name'])
    .where('g.school_id', '=', schoolId).where('g.kind', '=', 'class')
    .where('y.starts_on', '<=', onDate).where('y.ends_on', '>=', onDate)
    .orderBy('g.name').orderBy('p.family_name').orderBy('p.given_name')
    .execute();
}
