import { describe, expect, it } from 'vitest';
import { generateMunicipality } from './generator';
import { insertMunicipality } from './municipality.repo';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';

const m = generateMunicipality({ students: 3000, seed: 42, startYear: 2026 });

describe('the generated municipality', () => {
  it('is the same, ids included, for the same seed', () => {
    const again = generateMunicipality({ students: 3000, seed: 42, startYear: 2026 });
    expect(again.persons.slice(0, 50)).toEqual(m.persons.slice(0, 50));
    expect(again.guardianships.length).toBe(m.guardianships.length);
    expect(generateMunicipality({ students: 3000, seed: 43, startYear: 2026 }).persons[0]!.id).not.toBe(m.persons[0]!.id);
  });

  it('has classes of about 20–28 and schools of about 234 pupils on average', () => {
    const classes = m.groups.filter((g) => g.kind === 'class');
    const perClass = classes.map((c) => m.enrolments.filter((e) => e.group_id === c.id).length);
    const avg = perClass.reduce((a, b) => a + b, 0) / perClass.length;
    expect(avg).toBeGreaterThanOrEqual(17);
    expect(avg).toBeLessThanOrEqual(28);
    expect(Math.max(...perClass)).toBeLessThanOrEqual(28);
    const big = generateMunicipality({ students: 60_000, seed: 9, startYear: 2026 });
    const mean = 60_000 / big.schools.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(270);
  });

  it('gives about 1.7 guardians per student, 15 % split households, 3 % protected and 20 % other languages', () => {
    const perStudent = m.guardianships.length / m.students.length;
    expect(perStudent).toBeGreaterThan(1.55);
    expect(perStudent).toBeLessThan(1.85);
    const guardianIds = new Set(m.guardianships.map((g) => g.guardian_id));
    const guardians = m.persons.filter((p) => guardianIds.has(p.id));
    const share = (f: (p: (typeof guardians)[number]) => boolean) => guardians.filter(f).length / guardians.length;
    expect(share((p) => p.preferred_language !== 'nb')).toBeGreaterThan(0.14);
    expect(share((p) => p.preferred_language !== 'nb')).toBeLessThan(0.26);
    const studentsProtected = m.persons.filter((p) => p.birth_date && p.address_protection !== 'none').length / m.students.length;
    expect(studentsProtected).toBeGreaterThan(0.01);
    expect(studentsProtected).toBeLessThan(0.06);
    const splitStudents = new Set(m.guardianships.filter((g) => !g.lives_with).map((g) => g.student_id)).size / m.students.length;
    expect(splitStudents).toBeGreaterThan(0.1);
    expect(splitStudents).toBeLessThan(0.2);
  });

  it('gives every student a class and a guardian with parental responsibility, and every class a contact teacher', () => {
    const classIds = new Set(m.groups.filter((g) => g.kind === 'class').map((g) => g.id));
    for (const s of m.students) {
      expect(m.enrolments.some((e) => e.student_id === s.person_id && classIds.has(e.group_id))).toBe(true);
    }
    const withResponsibility = new Set(m.guardianships.filter((g) => g.parental_responsibility).map((g) => g.student_id));
    expect(withResponsibility.size).toBe(m.students.length);
    const led = new Set(m.staffRoles.filter((r) => r.role === 'kontaktlaerer').map((r) => r.group_id));
    expect([...classIds].every((id) => led.has(id))).toBe(true);
  });

  it("never gives the parent living elsewhere the protected home's address", () => {
    const byId = new Map(m.persons.map((p) => [p.id, p]));
    for (const g of m.guardianships.filter((x) => !x.lives_with)) {
      const child = byId.get(g.student_id)!;
      const parent = byId.get(g.guardian_id)!;
      if (child.address_protection !== 'none') expect(parent.street_address).not.toBe(child.street_address);
    }
  });

  it('writes into a database next to what is there already', async () => {
    const database = await openDatabase({ inMemory: true });
    try {
      await migrate(database);
      const small = generateMunicipality({ students: 300, seed: 1, startYear: 2026 });
      await insertMunicipality(database.db, small);
      await insertMunicipality(database.db, generateMunicipality({ students: 300, seed: 2, startYear: 2026, ownerName: 'Andre kommune' }));
      const owners = await database.db.selectFrom('school_owners').select('name').orderBy('name').execute();
      expect(owners.map((o) => o.name)).toEqual(['Andre kommune', 'Generert kommune 1']);
      const count = await database.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(600);
    } finally {
      await database.close();
    }
  });
});
