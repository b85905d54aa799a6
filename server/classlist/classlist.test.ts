import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';

describe('the class list guardians share with each other', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('is empty until guardians choose to be on it', async () => {
    const res = await t.get(`/api/groups/${t.demo.groups['3A']}/class-list`, await t.loginAs(t.demo.users.kari));
    expect(res.statusCode).toBe(200);
    expect(res.json().entries).toEqual([]);
  });

  it('shows a guardian exactly the fields another guardian chose to share', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const put = await t.send('PUT', `/api/me/children/${t.demo.people.jonas}/class-list-sharing`, { fields: ['name', 'phone'] }, kari);
    expect(put.statusCode).toBe(200);
    const list = (await t.get(`/api/groups/${t.demo.groups['7A']}/class-list`, kari)).json();
    expect(list.entries).toEqual([{
      student: { givenName: 'Jonas', familyName: 'Nordmann' },
      guardians: [{ givenName: 'Kari', familyName: 'Nordmann', phone: '+47 912 34 567', email: null, address: null }],
    }]);
  });

  it('refuses other fields without the name, with an error naming the field', async () => {
    const res = await t.send('PUT', `/api/me/children/${t.demo.people.emma}/class-list-sharing`, { fields: ['phone'] }, await t.loginAs(t.demo.users.kari));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('body.fields');
  });

  it('keeps a student with a protected address off the class list, also by name, even if asked', async () => {
    const ali = await t.loginAs(t.demo.users.ali);
    const sharing = await t.get(`/api/me/children/${t.demo.people.lina}/class-list-sharing`, ali);
    expect(sharing.json()).toEqual({ fields: [], allowed: false });
    const put = await t.send('PUT', `/api/me/children/${t.demo.people.lina}/class-list-sharing`, { fields: ['name'] }, ali);
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('protected_family');
    const list = await t.get(`/api/groups/${t.demo.groups['5B']}/class-list`, await t.loginAs(t.demo.users.nils));
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Lina');
    expect(list.body).not.toContain('Ahmed');
  });
});
