// The demo school a fresh Tillit starts with: two schools of one municipality, and the people the demo
// login offers, placed so that every rule of the foundation can be seen (and is tested) on them.
import type { Insertable, Kysely } from 'kysely';
import type { DB, PersonsTable, StaffRole } from '../db/schema';
import type { SystemCtx } from '../core/context';
import { hashPassword } from '../auth/password';
import { DEMO_PASSWORD } from './demo-personas';
import { createRandom, FAMILY_NAMES_NO, GIVEN_NAMES_NO, STREETS } from './names';

type PersonInput = Insertable<PersonsTable>;

export interface DemoSchool {
  ownerId: string;
  schools: { solbakken: string; fjellvang: string };
  groups: Record<'1A' | '3A' | '5B' | '7A' | 'aks' | '9A', string>;
  people: Record<
    'kari' | 'emma' | 'jonas' | 'per' | 'sara' | 'ali' | 'lina' | 'ingrid' | 'ole' | 'marit' | 'anders' | 'tor' | 'jonasTeacher' | 'nils' | 'eva' | 'hanne',
    string
  >;
  users: Record<'kari' | 'per' | 'sara' | 'ali' | 'ingrid' | 'ole' | 'marit' | 'anders' | 'tor' | 'jonasTeacher' | 'eva' | 'hanne' | 'nils', string>;
}

async function insertPerson(db: Kysely<DB>, p: PersonInput): Promise<string> {
  const row = await db.insertInto('persons').values(p).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A school year that contains the given instant: August to June. */
function schoolYearOf(now: Date) {
  const y = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { name: `${y}/${String((y + 1) % 100).padStart(2, '0')}`, starts_on: `${y}-08-15`, ends_on: `${y + 1}-06-20`, startYear: y };
}

export async function seedDemoSchool(sys: SystemCtx): Promise<DemoSchool> {
  const { db } = sys;
  const year = schoolYearOf(sys.clock.now());
  const born = (level: number, mmdd: string) => `${year.startYear - 5 - level}-${mmdd}`;

  const owner = await db.insertInto('school_owners').values({ name: 'Eksempel kommune', kind: 'kommune', org_number: '999888777' }).returning('id').executeTakeFirstOrThrow();
  const [solbakken, fjellvang] = await db
    .insertInto('schools')
    .values([
      { owner_id: owner.id, name: 'Solbakken skole', kind: 'grunnskole', org_number: '974000001', office_phone: '22 00 00 01', office_email: 'solbakken.skole@eksempel.kommune.no' },
      { owner_id: owner.id, name: 'Fjellvang ungdomsskole', kind: 'grunnskole', org_number: '974000002', office_phone: '22 00 00 02', office_email: 'fjellvang.skole@eksempel.kommune.no' },
    ])
    .returning('id')
    .execute();
  const years = await db
    .insertInto('school_years')
    .values([solbakken!, fjellvang!].map((s) => ({ school_id: s.id, name: year.name, starts_on: year.starts_on, ends_on: year.ends_on })))
    .returning(['id', 'school_id'])
    .execute();
  const yearOf = (schoolId: string) => years.find((y) => y.school_id === schoolId)!.id;
  const groupRows = await db
    .insertInto('groups')
    .values([
      { school_id: solbakken!.id, school_year_id: yearOf(solbakken!.id), kind: 'class', name: '1A', level: '1' },
      { school_id: solbakken!.id, school_year_id: yearOf(solbakken!.id), kind: 'class', name: '3A', level: '3' },
      { school_id: solbakken!.id, school_year_id: yearOf(solbakken!.id), kind: 'class', name: '5B', level: '5' },
      { school_id: solbakken!.id, school_year_id: yearOf(solbakken!.id), kind: 'class', name: '7A', level: '7' },
      { school_id: solbakken!.id, school_year_id: yearOf(solbakken!.id), kind: 'aks', name: 'AKS 1–4', level: null },
      { school_id: fjellvang!.id, school_year_id: yearOf(fjellvang!.id), kind: 'class', name: '9A', level: '9' },
    ])
    .returning(['id', 'name'])
    .execute();
  const g = (name: string) => groupRows.find((r) => r.name === name)!.id;
  const groups = { '1A': g('1A'), '3A': g('3A'), '5B': g('5B'), '7A': g('7A'), aks: g('AKS 1–4'), '9A': g('9A') };

  const home = { street_address: 'Bjørkeveien 12', postal_code: '0580', city: 'Oslo' };
  const people = {
    kari: await insertPerson(db, { given_name: 'Kari', family_name: 'Nordmann', email: 'kari.nordmann@example.no', phone: '+47 912 34 567', ...home }),
    per: await insertPerson(db, { given_name: 'Per', family_name: 'Nordmann', email: 'per.nordmann@example.no', phone: '+47 913 45 678', street_address: 'Storgata 3', postal_code: '3015', city: 'Drammen' }),
    emma: await insertPerson(db, { given_name: 'Emma', family_name: 'Nordmann', birth_date: born(3, '03-14'), ...home }),
    jonas: await insertPerson(db, { given_name: 'Jonas', family_name: 'Nordmann', birth_date: born(7, '10-02'), ...home }),
    // Domain 9.7–9.9: Sara's address is strengt fortrolig; Lina lives with her, so Lina's address is protected too.
    sara: await insertPerson(db, {
      given_name: 'Sara', family_name: 'Ahmed', email: 'sara.ahmed@example.no', phone: '+47 922 11 333', street_address: 'Hemmelig vei 1', postal_code: '0000', city: 'Oslo',
      address_protection: 'strengt_fortrolig', preferred_language: 'ar', interpreter_needed: true,
    }),
    ali: await insertPerson(db, { given_name: 'Ali', family_name: 'Ahmed', email: 'ali.ahmed@example.no', phone: '+47 922 44 555', street_address: 'Fjordveien 8', postal_code: '0150', city: 'Oslo', preferred_language: 'ar' }),
    lina: await insertPerson(db, { given_name: 'Lina', family_name: 'Ahmed', birth_date: born(5, '06-21'), street_address: 'Hemmelig vei 1', postal_code: '0000', city: 'Oslo', address_protection: 'strengt_fortrolig' }),
    ingrid: await insertPerson(db, { given_name: 'Ingrid', family_name: 'Berg', email: 'ingrid.berg@eksempel.kommune.no' }),
    jonasTeacher: await insertPerson(db, { given_name: 'Henrik', family_name: 'Moen', email: 'henrik.moen@eksempel.kommune.no' }),
    nils: await insertPerson(db, { given_name: 'Nils', family_name: 'Strand', email: 'nils.strand@eksempel.kommune.no' }),
    eva: await insertPerson(db, { given_name: 'Eva', family_name: 'Lund', email: 'eva.lund@eksempel.kommune.no' }),
    ole: await insertPerson(db, { given_name: 'Ole', family_name: 'Dahl', email: 'ole.dahl@eksempel.kommune.no' }),
    marit: await insertPerson(db, { given_name: 'Marit', family_name: 'Solheim', email: 'marit.solheim@eksempel.kommune.no' }),
    hanne: await insertPerson(db, { given_name: 'Hanne', family_name: 'Kristiansen', email: 'hanne.kristiansen@eksempel.kommune.no' }),
    anders: await insertPerson(db, { given_name: 'Anders', family_name: 'Lie', email: 'anders.lie@eksempel.kommune.no' }),
    tor: await insertPerson(db, { given_name: 'Tor', family_name: 'Fjell', email: 'tor.fjell@eksempel.kommune.no' }),
  };

  await db.insertInto('students').values([
    { person_id: people.emma, school_id: solbakken!.id },
    { person_id: people.jonas, school_id: solbakken!.id },
    { person_id: people.lina, school_id: solbakken!.id },
  ]).execute();
  await db.insertInto('enrolments').values([
    { student_id: people.emma, group_id: groups['3A'] },
    { student_id: people.emma, group_id: groups.aks },
    { student_id: people.jonas, group_id: groups['7A'] },
    { student_id: people.lina, group_id: groups['5B'] },
  ]).execute();
  await db.insertInto('guardianships').values([
    { guardian_id: people.kari, student_id: people.emma, parental_responsibility: true, lives_with: true },
    { guardian_id: people.kari, student_id: people.jonas, parental_responsibility: true, lives_with: true },
    // Per is Jonas's father without parental responsibility (domain 1.2): no automatic access.
    { guardian_id: people.per, student_id: people.jonas, parental_responsibility: false, lives_with: false },
    { guardian_id: people.sara, student_id: people.lina, parental_responsibility: true, lives_with: true },
    { guardian_id: people.ali, student_id: people.lina, parental_responsibility: true, lives_with: false },
  ]).execute();

  const role = (person_id: string, school_id: string, r: StaffRole, group_id: string | null = null, designated = false) =>
    ({ person_id, school_id, role: r, group_id, designated_for_protected: designated });
  await db.insertInto('staff_roles').values([
    role(people.ingrid, solbakken!.id, 'kontaktlaerer', groups['3A']),
    role(people.ingrid, solbakken!.id, 'faglaerer', groups['1A']),
    role(people.jonasTeacher, solbakken!.id, 'kontaktlaerer', groups['7A']),
    role(people.nils, solbakken!.id, 'kontaktlaerer', groups['5B']),
    role(people.eva, solbakken!.id, 'kontaktlaerer', groups['1A']),
    role(people.eva, solbakken!.id, 'sosiallaerer'),
    role(people.ole, solbakken!.id, 'aks_baseleder', groups.aks),
    role(people.marit, solbakken!.id, 'rektor', null, true),
    role(people.hanne, solbakken!.id, 'kontor', null, true),
    role(people.tor, fjellvang!.id, 'kontaktlaerer', groups['9A']),
  ]).execute();
  await db.insertInto('owner_admins').values({ person_id: people.anders, owner_id: owner.id }).execute();

  await seedClassmates(db, solbakken!.id, fjellvang!.id, groups, year.startYear);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const account = (person_id: string, username: string) => ({ person_id, username, password_hash: passwordHash });
  const userRows = await db.insertInto('users').values([
    account(people.kari, 'kari.nordmann'), account(people.per, 'per.nordmann'), account(people.sara, 'sara.ahmed'),
    account(people.ali, 'ali.ahmed'), account(people.ingrid, 'ingrid.berg'), account(people.ole, 'ole.dahl'),
    account(people.marit, 'marit.solheim'), account(people.anders, 'anders.lie'), account(people.tor, 'tor.fjell'),
    account(people.jonasTeacher, 'henrik.moen'), account(people.eva, 'eva.lund'), account(people.hanne, 'hanne.kristiansen'),
    account(people.nils, 'nils.strand'),
  ]).returning(['id', 'username']).execute();
  const u = (name: string) => userRows.find((r) => r.username === name)!.id;
  const users = {
    kari: u('kari.nordmann'), per: u('per.nordmann'), sara: u('sara.ahmed'), ali: u('ali.ahmed'), ingrid: u('ingrid.berg'),
    ole: u('ole.dahl'), marit: u('marit.solheim'), anders: u('anders.lie'), tor: u('tor.fjell'), jonasTeacher: u('henrik.moen'),
    eva: u('eva.lund'), hanne: u('hanne.kristiansen'), nils: u('nils.strand'),
  };
  return { ownerId: owner.id, schools: { solbakken: solbakken!.id, fjellvang: fjellvang!.id }, groups, people, users };
}

/** Fills each class with generated classmates and their guardians, so the lists look like a real class. */
async function seedClassmates(db: Kysely<DB>, solbakken: string, fjellvang: string, groups: DemoSchool['groups'], startYear: number) {
  const rnd = createRandom(20261122);
  const classes: [string, string, number][] = [
    [groups['1A'], solbakken, 1], [groups['3A'], solbakken, 3], [groups['5B'], solbakken, 5], [groups['7A'], solbakken, 7], [groups['9A'], fjellvang, 9],
  ];
  for (const [groupId, schoolId, level] of classes) {
    const count = rnd.int(8, 12);
    const families = Array.from({ length: count }, () => {
      const family = rnd.pick(FAMILY_NAMES_NO);
      const address = { street_address: `${rnd.pick(STREETS)} ${rnd.int(1, 80)}`, postal_code: `0${rnd.int(150, 990)}`, city: 'Oslo' };
      const birth = `${startYear - 5 - level}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      return { family, address, birth };
    });
    const studentRows = await db.insertInto('persons')
      .values(families.map((f) => ({ given_name: rnd.pick(GIVEN_NAMES_NO), family_name: f.family, birth_date: f.birth, ...f.address })))
      .returning('id').execute();
    const guardianRows = await db.insertInto('persons')
      .values(families.map((f) => {
        const given = rnd.pick(GIVEN_NAMES_NO);
        return { given_name: given, family_name: f.family, email: `${given}.${f.family}@example.no`.toLowerCase(), phone: `+47 9${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(100, 999)}`, ...f.address };
      }))
      .returning('id').execute();
    await db.insertInto('students').values(studentRows.map((s) => ({ person_id: s.id, school_id: schoolId }))).execute();
    await db.insertInto('enrolments').values(studentRows.map((s) => ({ student_id: s.id, group_id: groupId }))).execute();
    await db.insertInto('guardianships')
      .values(studentRows.map((s, i) => ({ guardian_id: guardianRows[i]!.id, student_id: s.id, parental_responsibility: true, lives_with: true })))
      .execute();
    if (level <= 4) {
      await db.insertInto('enrolments').values(studentRows.filter(() => rnd.chance(0.6)).map((s) => ({ student_id: s.id, group_id: groups.aks }))).execute();
    }
  }
}
