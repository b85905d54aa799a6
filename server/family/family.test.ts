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
