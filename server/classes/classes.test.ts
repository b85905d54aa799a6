import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { findAuditEntries } from '../audit/audit.repo';
import { translate } from '../i18n/catalogs';

interface Guardian { id: string; email: string | null; phone: string | null; address: string | null; detailsProtected: boolean }
interface Student { id: string; address: string | null; addressProtected: boolean; guardians: Guardian[] }

describe('a class roster as staff see it', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const roster = async (userId: string, group: keyof TestApp['demo']['groups']) => {
    const res = await t.get(`/api/groups/${t.demo.groups[group]}/roster`, await t.loginAs(userId));
    expect(res.statusCode).toBe(200);
    return res.json() as { students: Student[]; contactTeachers: { givenName: string }[] };
  };

  it("shows the contact teacher their class with every student's guardians and contact details", async () => {
    const body = await roster(t.demo.users.ingrid, '3A');
    const emma = body.students.find((s) => s.id === t.demo.people.emma)!;
    expect(body.students.length).toBeGreaterThanOrEqual(9);
    expect(emma.guardians).toHaveLength(1);
    expect(emma.guardians[0]).toMatchObject({ id: t.demo.people.kari, email: 'kari.nordmann@example.no', phone: '+47 912 34 567' });
    expect(emma.guardians[0]!.address).toContain('Bjørkeveien 12');
    expect(body.contactTeachers.map((c) => c.givenName)).toEqual(['Ingrid']);
  });

  it("keeps a strengt fortrolig guardian's address and phone out of a teacher's class list", async () => {
    const res = await t.get(`/api/groups/${t.demo.groups['5B']}/roster`, await t.loginAs(t.demo.users.nils));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Hemmelig vei');
    expect(res.body).not.toContain('922 11 333');
    expect(res.body).not.toContain('sara.ahmed@example.no');
    const lina = (res.json().students as Student[]).find((s) => s.id === t.demo.people.lina)!;
    expect(lina).toMatchObject({ address: null, addressProtected: true });
    const sara = lina.guardians.find((g) => g.id === t.demo.people.sara)!;
    expect(sara).toMatchObject({ email: null, phone: null, address: null, detailsProtected: true });
    // The other parent is not protected, and the teacher can reach him as usual.
    const ali = lina.guardians.find((g) => g.id === t.demo.people.ali)!;
    expect(ali).toMatchObject({ phone: '+47 922 44 555', detailsProtected: false });
  });

  it('shows protected details to the designated principal, and records that she read them', async () => {
    const body = await roster(t.demo.users.marit, '5B');
    const lina = body.students.find((s) => s.id === t.demo.people.lina)!;
    expect(lina.address).toContain('Hemmelig vei 1');
    expect(lina.guardians.find((g) => g.id === t.demo.people.sara)).toMatchObject({ phone: '+47 922 11 333', detailsProtected: false });
    const audit = await findAuditEntries(t.database.db, { subjectId: t.demo.people.sara, action: 'protected_details.read' });
    expect(audit.map((a) => a.actor_user_id)).toContain(t.demo.users.marit);
  });

  it('records every roster read in the audit log', async () => {
    await roster(t.demo.users.ole, 'aks');
    const audit = await findAuditEntries(t.database.db, { subjectId: t.demo.groups.aks, action: 'group_roster.read' });
    expect(audit.map((a) => a.actor_user_id)).toContain(t.demo.users.ole);
  });

  it("names an AKS group's base leader as its leader, and a class's contact teacher, each in the words for the kind", async () => {
    const aks = (await t.get(`/api/groups/${t.demo.groups.aks}/roster`, await t.loginAs(t.demo.users.ole))).json() as { group: { kind: string }; students: Student[]; contactTeachers: { id: string; givenName: string; familyName: string }[] };
    expect(aks.group.kind).toBe('aks');
    expect(aks.contactTeachers).toEqual([{ id: t.demo.people.ole, givenName: 'Ole', familyName: 'Dahl' }]);
    // A member of staff with another role in the group (a kontaktlærer) does not lead AKS; in a class, a base leader does not either.
    await t.database.db.insertInto('staff_roles').values([
      { person_id: t.demo.people.ingrid, school_id: t.demo.schools.solbakken, group_id: t.demo.groups.aks, role: 'kontaktlaerer' },
      { person_id: t.demo.people.ole, school_id: t.demo.schools.solbakken, group_id: t.demo.groups['3A'], role: 'aks_baseleder' },
    ]).execute();
    const again = (await t.get(`/api/groups/${t.demo.groups.aks}/roster`, await t.loginAs(t.demo.users.ole))).json() as typeof aks;
    expect(again.contactTeachers.map((c) => c.givenName)).toEqual(['Ole']);
    const class3A = await roster(t.demo.users.ingrid, '3A');
    expect(class3A.contactTeachers.map((c) => c.givenName)).toEqual(['Ingrid']);
    await t.database.db.deleteFrom('staff_roles').where((w) => w.or([
      w.and([w('group_id', '=', t.demo.groups.aks), w('role', '=', 'kontaktlaerer')]),
      w.and([w('group_id', '=', t.demo.groups['3A']), w('role', '=', 'aks_baseleder')]),
    ])).execute();

    // What the roster page says for each (web/features/classes/RosterPage.tsx picks the message by the group's kind).
    const teachers = 'Ole Dahl';
    expect(translate('nb', 'roster.summaryAks', { count: aks.students.length, teachers })).toBe(`${aks.students.length} elever. Baseleder: Ole Dahl`);
    expect(translate('nn', 'roster.summaryAks', { count: 1, teachers })).toBe('1 elev. Baseleiar: Ole Dahl');
    expect(translate('en', 'roster.summaryAks', { count: 2, teachers })).toBe('2 students. Base leader: Ole Dahl');
    expect(translate('nb', 'roster.summary', { count: 2, teachers: 'Ingrid Berg' })).toBe('2 elever. Kontaktlærer: Ingrid Berg');
    expect(translate('nb', 'school.baseLeaders', { names: teachers })).toBe('Ole Dahl (baseleder)');
  });

  it('answers a malformed group id with a validation error naming the field', async () => {
    const res = await t.get('/api/groups/not-a-uuid/roster', await t.loginAs(t.demo.users.ingrid));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.issues[0].path).toBe('params.groupId');
  });
});
