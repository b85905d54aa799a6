import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';

describe("a guardian's children and who to contact", () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('shows a guardian with two children in different classes each child with its contact teacher', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const res = await t.get('/api/me/children', kari);
    expect(res.statusCode).toBe(200);
    const { children } = res.json();
    expect(children.map((c: { student: { givenName: string } }) => c.student.givenName).sort()).toEqual(['Emma', 'Jonas']);
    const emma = children.find((c: { student: { id: string } }) => c.student.id === t.demo.people.emma);
    expect(emma.access).toBe('full');
    expect(emma.class.name).toBe('3A');
    expect(emma.contactTeachers).toEqual([{ id: t.demo.people.ingrid, givenName: 'Ingrid', familyName: 'Berg' }]);
    expect(emma.aks.baseLeaders.map((l: { givenName: string }) => l.givenName)).toEqual(['Ole']);
    expect(emma.school.officePhone).toBeTruthy();
    const jonas = children.find((c: { student: { id: string } }) => c.student.id === t.demo.people.jonas);
    expect(jonas.class.name).toBe('7A');
    expect(jonas.aks).toBeNull();
  });

  it('shows a parent without parental responsibility that the child exists, and nothing of its school life', async () => {
    const per = await t.loginAs(t.demo.users.per);
    const { children } = (await t.get('/api/me/children', per)).json();
    expect(children).toHaveLength(1);
    expect(children[0].access).toBe('no_parental_responsibility');
    expect(children[0].class).toBeNull();
    expect(children[0].contactTeachers).toEqual([]);
    expect(children[0].aks).toBeNull();
  });

  it('refuses the list to someone who is not logged in', async () => {
    const res = await t.get('/api/me/children');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('not_authenticated');
  });
});

describe("rules that end or hold back a guardian's access", () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it("ends a guardian's access on the student's 18th birthday, Oslo time", async () => {
    const birth = '2008-11-23';
    await t.database.db.updateTable('persons').set({ birth_date: birth }).where('id', '=', t.demo.people.jonas).execute();
    const kari = await t.loginAs(t.demo.users.kari);
    // 22:59 UTC on the 22nd is 23:59 in Oslo: still 17.
    t.clock.set('2026-11-22T22:59:00Z');
    let jonas = (await t.get('/api/me/children', kari)).json().children.find((c: { student: { id: string } }) => c.student.id === t.demo.people.jonas);
    expect(jonas.access).toBe('full');
    // 23:00 UTC is midnight in Oslo on the birthday.
    t.clock.set('2026-11-22T23:00:00Z');
    jonas = (await t.get('/api/me/children', kari)).json().children.find((c: { student: { id: string } }) => c.student.id === t.demo.people.jonas);
    expect(jonas).toMatchObject({ access: 'student_adult', class: null, contactTeachers: [] });
    const roster = await t.get(`/api/groups/${t.demo.groups['7A']}/class-list`, kari);
    expect(roster.statusCode).toBe(404);
  });

  it('holds back the parent not living with the child while the owner requires a confirmed family situation', async () => {
    await t.database.db.updateTable('school_owners').set({ residence_parent_only_until_confirmed: true }).execute();
    await t.database.db.updateTable('guardianships').set({ situation_confirmed: false }).where('student_id', '=', t.demo.people.lina).execute();
    const ali = (await t.get('/api/me/children', await t.loginAs(t.demo.users.ali))).json().children[0];
    expect(ali).toMatchObject({ access: 'residence_not_confirmed', class: null });
    const sara = (await t.get('/api/me/children', await t.loginAs(t.demo.users.sara))).json().children[0];
    expect(sara.access).toBe('full');
    await t.database.db.updateTable('guardianships').set({ situation_confirmed: true }).where('student_id', '=', t.demo.people.lina).execute();
    const after = (await t.get('/api/me/children', await t.loginAs(t.demo.users.ali))).json().children[0];
    expect(after.access).toBe('full');
  });

  it("never shows the other parent a protected parent's or the child's address", async () => {
    const res = await t.get('/api/me/children', await t.loginAs(t.demo.users.ali));
    expect(res.body).not.toContain('Hemmelig');
    expect(res.body).not.toContain('922 11 333');
  });
});
