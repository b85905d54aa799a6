import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export async function findGroup(db: Kysely<DB>, groupId: string) {
  return db
    .selectFrom('groups as g')
    .innerJoin('schools as s', 's.id', 'g.school_id')
    .innerJoin('school_owners as o', 'o.id', 's.owner_id')
    .select(['g.id', 'g.name', 'g.kind', 'g.level', 'g.school_id', 's.name as school_name', 'o.residence_parent_only_until_confirmed'])
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
    .select([...personColumns, 'g.student_id', 'g.parental_responsibility', 'g.lives_with', 'g.situation_confirmed'])
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

/** One guardianship with the student's school and groups: what confirming a family situation is decided on. */
export async function findGuardianship(db: Kysely<DB>, studentId: string, guardianId: string) {
  const link = await db
    .selectFrom('guardianships as g')
    .innerJoin('students as s', 's.person_id', 'g.student_id')
    .select(['g.student_id', 'g.guardian_id', 'g.situation_confirmed', 's.school_id'])
    .where('g.student_id', '=', studentId)
    .where('g.guardian_id', '=', guardianId)
    .executeTakeFirst();
  if (!link) return undefined;
  const groups = await db.selectFrom('enrolments').select('group_id').where('student_id', '=', studentId).execute();
  return { ...link, group_ids: groups.map((g) => g.group_id) };
}

export async function confirmSituation(db: Kysely<DB>, studentId: string, guardianId: string) {
  await db.updateTable('guardianships').set({ situation_confirmed: true })
    .where('student_id', '=', studentId).where('guardian_id', '=', guardianId).execute();
}
