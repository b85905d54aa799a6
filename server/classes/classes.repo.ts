import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export async function findGroup(db: Kysely<DB>, groupId: string) {
  return db
    .selectFrom('groups as g')
    .innerJoin('schools as s', 's.id', 'g.school_id')
    .select(['g.id', 'g.name', 'g.kind', 'g.level', 'g.school_id', 's.name as school_name'])
    .where('g.id', '=', groupId)
    .executeTakeFirst();
}

const personColumns = [
  'p.id', 'p.given_name', 'p.family_name', 'p.birth_date', 'p.email', 'p.phone', 'p.street_address', 'p.postal_code', 'p.city',
  'p.address_protection', 'p.preferred_language', 'p.interpreter_needed',
] as const;

export async function findStudentsInGroup(db: Kysely<DB>, groupId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('persons as p', 'p.id', 'e.student_id')
    .select(personColumns)
    .where('e.group_id', '=', groupId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function findGuardiansOfGroup(db: Kysely<DB>, groupId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
    .innerJoin('persons as p', 'p.id', 'g.guardian_id')
    .select([...personColumns, 'g.student_id', 'g.parental_responsibility', 'g.lives_with'])
    .where('e.group_id', '=', groupId)
    .orderBy('g.parental_responsibility', 'desc')
    .orderBy('p.family_name')
    .execute();
}

/** The group's leader: the contact teachers of a class, the base leaders of an AKS group. */
export async function findGroupLeaders(db: Kysely<DB>, group: { id: string; kind: 'class' | 'aks' }) {
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('r.group_id', '=', group.id)
    .where('r.role', '=', group.kind === 'aks' ? 'aks_baseleder' : 'kontaktlaerer')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}
