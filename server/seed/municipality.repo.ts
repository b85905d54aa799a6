// Writes a generated municipality set-based: per table, one INSERT … SELECT FROM unnest(arrays) per chunk,
// with one bind parameter per column (not per value), the same SQL on PGlite and PostgreSQL.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';
import type { Municipality } from './generator';

type Db = Kysely<DB> | Transaction<DB>;
const CHUNK = 20_000;

async function insertColumns<T extends object>(db: Db, table: string, columns: [keyof T & string, string][], rows: T[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const arrays = columns.map(([name, type]) => sql`${chunk.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))})
      SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
  }
}

export async function insertMunicipality(db: Db, m: Municipality): Promise<void> {
  await insertColumns(db, 'school_owners', [['id', 'uuid'], ['name', 'text'], ['kind', 'text']], [{ ...m.owner, kind: 'kommune' }]);
  await insertColumns(db, 'schools', [['id', 'uuid'], ['owner_id', 'uuid'], ['name', 'text'], ['kind', 'text'], ['org_number', 'text'], ['office_phone', 'text'], ['office_email', 'text']], m.schools);
  await insertColumns(db, 'school_years', [['id', 'uuid'], ['school_id', 'uuid'], ['name', 'text'], ['starts_on', 'date'], ['ends_on', 'date']], m.schoolYears);
  await insertColumns(db, 'groups', [['id', 'uuid'], ['school_id', 'uuid'], ['school_year_id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['level', 'text']], m.groups);
  await insertColumns(db, 'persons', [
    ['id', 'uuid'], ['given_name', 'text'], ['family_name', 'text'], ['birth_date', 'date'], ['email', 'text'], ['phone', 'text'],
    ['street_address', 'text'], ['postal_code', 'text'], ['city', 'text'], ['address_protection', 'text'], ['preferred_language', 'text'], ['interpreter_needed', 'boolean'],
  ], m.persons);
  await insertColumns(db, 'students', [['person_id', 'uuid'], ['school_id', 'uuid']], m.students);
  await insertColumns(db, 'enrolments', [['student_id', 'uuid'], ['group_id', 'uuid']], m.enrolments);
  await insertColumns(db, 'guardianships', [['guardian_id', 'uuid'], ['student_id', 'uuid'], ['parental_responsibility', 'boolean'], ['lives_with', 'boolean']], m.guardianships);
  await insertColumns(db, 'staff_roles', [['id', 'uuid'], ['person_id', 'uuid'], ['school_id', 'uuid'], ['role', 'text'], ['group_id', 'uuid'], ['designated_for_protected', 'boolean']], m.staffRoles);
  await insertColumns(db, 'owner_admins', [['person_id', 'uuid'], ['owner_id', 'uuid']], m.ownerAdmins);
}

export function rowCounts(m: Municipality) {
  return {
    schools: m.schools.length, groups: m.groups.length, persons: m.persons.length, students: m.students.length,
    enrolments: m.enrolments.length, guardianships: m.guardianships.length, staff_roles: m.staffRoles.length,
  };
}
