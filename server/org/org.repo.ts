import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';

export async function findSchoolsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('schools').select(['id', 'name', 'owner_id', 'kind', 'org_number']).where('id', 'in', ids).execute();
}

export async function findGroupsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('groups').select(['id', 'name', 'kind', 'level']).where('id', 'in', ids).execute();
}

export async function findOwnersByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('school_owners').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('name').execute();
}

export async function findGroupsOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom('groups as g')
    .leftJoin('enrolments as e', 'e.group_id', 'g.id')
    .select(['g.id', 'g.name', 'g.kind', 'g.level', sql<number>`count(e.student_id)::int`.as('student_count')])
    .where('g.school_id', '=', schoolId)
    .groupBy(['g.id', 'g.name', 'g.kind', 'g.level'])
    .orderBy('g.kind')
    .orderBy(sql`length(g.level)`)
    .orderBy('g.level')
    .orderBy('g.name')
    .execute();
}

export async function findStaffOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('groups as g', 'g.id', 'r.group_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'r.role', 'r.group_id', 'g.name as group_name'])
    .where('r.school_id', '=', schoolId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function findSchoolsOfOwner(db: Kysely<DB>, ownerId: string) {
  return db
    .selectFrom('schools as s')
    .select([
      's.id', 's.name', 's.kind',
      (eb) => eb.selectFrom('students').select(sql<number>`count(*)::int`.as('n')).whereRef('students.school_id', '=', 's.id').as('student_count'),
      (eb) => eb.selectFrom('groups').select(sql<number>`count(*)::int`.as('n')).whereRef('groups.school_id', '=', 's.id').as('group_count'),
    ])
    .where('s.owner_id', '=', ownerId)
    .orderBy('s.name')
    .execute();
}

export async function findOwnerSettings(db: Kysely<DB>, ownerId: string) {
  return db.selectFrom('school_owners').select(['id', 'residence_parent_only_until_confirmed']).where('id', '=', ownerId).executeTakeFirst();
}

export async function updateOwnerSettings(db: Kysely<DB>, ownerId: string, settings: { residence_parent_only_until_confirmed: boolean }) {
  await db.updateTable('school_owners').set(settings).where('id', '=', ownerId).execute();
}
