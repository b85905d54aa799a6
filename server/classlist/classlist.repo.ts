import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export async function findClassGroup(db: Kysely<DB>, groupId: string) {
  return db.selectFrom('groups').select(['id', 'name', 'kind', 'school_id']).where('id', '=', groupId).executeTakeFirst();
}

export async function findStudentIdsInGroup(db: Kysely<DB>, groupId: string): Promise<string[]> {
  const rows = await db.selectFrom('enrolments').select('student_id').where('group_id', '=', groupId).execute();
  return rows.map((r) => r.student_id);
}

/**
 * Classmates whose guardians chose to be on the list, with what they chose. Students with a protected
 * address, or with any guardian who has one, never appear (domain 9.8–9.9), whatever was chosen.
 */
export async function findSharedEntries(db: Kysely<DB>, groupId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('persons as s', 's.id', 'e.student_id')
    .innerJoin('class_list_sharing as c', 'c.student_id', 'e.student_id')
    .innerJoin('guardianships as g', (j) => j.onRef('g.student_id', '=', 'c.student_id').onRef('g.guardian_id', '=', 'c.guardian_id'))
    .innerJoin('persons as p', 'p.id', 'c.guardian_id')
    .select([
      's.id as student_id', 's.given_name as student_given_name', 's.family_name as student_family_name', 'p.given_name', 'p.family_name',
      'p.phone', 'p.email', 'p.street_address', 'p.postal_code', 'p.city', 'c.fields',
    ])
    .where('e.group_id', '=', groupId)
    .where('g.parental_responsibility', '=', true)
    .where('s.address_protection', '=', 'none')
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('guardianships as g2')
        .innerJoin('persons as p2', 'p2.id', 'g2.guardian_id')
        .select('g2.guardian_id')
        .whereRef('g2.student_id', '=', 'e.student_id')
        .where('p2.address_protection', '!=', 'none'),
    )))
    .where((eb) => eb(eb.val('name'), '=', eb.fn.any('c.fields')))
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .execute();
}

export async function findSharing(db: Kysely<DB>, guardianId: string, studentId: string) {
  return db.selectFrom('class_list_sharing').select('fields').where('guardian_id', '=', guardianId).where('student_id', '=', studentId).executeTakeFirst();
}

export async function upsertSharing(db: Kysely<DB>, row: { guardianId: string; studentId: string; fields: string[]; at: Date }): Promise<void> {
  await db
    .insertInto('class_list_sharing')
    .values({ guardian_id: row.guardianId, student_id: row.studentId, fields: row.fields, updated_at: row.at })
    .onConflict((oc) => oc.columns(['guardian_id', 'student_id']).doUpdateSet({ fields: row.fields, updated_at: row.at }))
    .execute();
}

/** Whether the student or any of the student's guardians has a protected address. */
export async function isFamilyProtected(db: Kysely<DB>, studentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('persons as s')
    .leftJoin('guardianships as g', 'g.student_id', 's.id')
    .leftJoin('persons as p', 'p.id', 'g.guardian_id')
    .select('s.id')
    .where('s.id', '=', studentId)
    .where((eb) => eb.or([eb('s.address_protection', '!=', 'none'), eb('p.address_protection', '!=', 'none')]))
    .executeTakeFirst();
  return row !== undefined;
}
