import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export async function findStudentsWithSchools(db: Kysely<DB>, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'sc.id as school_id', 'sc.name as school_name', 'sc.office_phone', 'sc.office_email'])
    .where('s.person_id', 'in', studentIds)
    .orderBy('p.birth_date', 'desc')
    .execute();
}

export async function findGroupsOfStudents(db: Kysely<DB>, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['e.student_id', 'g.id', 'g.name', 'g.kind', 'g.level'])
    .where('e.student_id', 'in', studentIds)
    .execute();
}

/** The staff who lead these groups in the roles a guardian contacts: contact teacher and AKS base leader. */
export async function findGroupLeaders(db: Kysely<DB>, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['r.group_id', 'r.role', 'p.id', 'p.given_name', 'p.family_name'])
    .where('r.group_id', 'in', groupIds)
    .where('r.role', 'in', ['kontaktlaerer', 'aks_baseleder'])
    .orderBy('p.family_name')
    .execute();
}
