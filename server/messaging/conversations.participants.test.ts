// Who is in a conversation: the contact teacher brings in a colleague (1.5) from a list Tillit offers, takes a
// guardian out and back; nobody outside the conversation learns anything about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { addGuardian, addSchoolNurse, names, type AddedPerson } from './conversations.fixtures';

describe('the people in a conversation', () => {
  let t: TestApp;
  let thomas: AddedPerson;
  let id: string;
  let ingrid: Session;
  beforeAll(async () => {
    t = await createTestApp();
    thomas = await addGuardian(t, { givenName: 'Thomas', studentId: t.demo.people.emma, email: 'thomas@example.no' });
    await addSchoolNurse(t, t.demo.schools.solbakken);
    const kari = await t.loginAs(t.demo.users.kari);
    [id] = (await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'social', subject: 'Friminutt', body: 'Emma er lei seg etter friminuttene.' }, kari)).json().conversationIds;
    ingrid = await t.loginAs(t.demo.users.ingrid);
  });
  afterAll(async () => { await t.close(); });

  it("offers the contact teacher her colleagues at Emma's school with their roles, not the school nurse or another school's staff", async () => {
    const res = await t.get(`/api/conversations/${id}/candidates`, ingrid);
    expect(res.statusCode).toBe(200);
    const { staff, guardians } = res.json();
    expect(names(staff)).toEqual(['Eva', 'Hanne', 'Henrik', 'Marit', 'Nils', 'Ole']);
    // The role that concerns Emma comes first: Eva is the school's social teacher, and contact teacher of 1A.
    expect(staff.find((s: { givenName: string }) => s.givenName === 'Eva').roles).toEqual([{ role: 'sosiallaerer', groupName: null }, { role: 'kontaktlaerer', groupName: '1A' }]);
    expect(guardians).toEqual([]);
  });

  it('brings in the social teacher, whom the guardians then see with her role', async () => {
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people.eva }, ingrid)).statusCode).toBe(200);
    const asKari = (await t.get(`/api/conversations/${id}`, await t.loginAs(t.demo.users.kari))).json();
    expect(asKari.participants.filter((p: { kind: string }) => p.kind === 'staff').map((p: { givenName: string; role: string }) => [p.givenName, p.role]).sort())
      .toEqual([['Eva', 'sosiallaerer'], ['Ingrid', 'kontaktlaerer']]);
    expect((await t.get(`/api/conversations/${id}`, await t.loginAs(t.demo.users.eva))).statusCode).toBe(200);
    expect(names((await t.get(`/api/conversations/${id}/candidates`, ingrid)).json().staff)).not.toContain('Eva');
  });

  it('lets the school take a guardian out, and offers him again', async () => {
    expect((await t.send('DELETE', `/api/conversations/${id}/participants/${thomas.personId}`, undefined, ingrid)).statusCode).toBe(200);
    const asThomas = await t.loginAs(thomas.userId);
    expect((await t.get(`/api/conversations/${id}`, asThomas)).statusCode).toBe(404);
    expect(names((await t.get(`/api/conversations/${id}/candidates`, ingrid)).json().guardians)).toEqual(['Thomas']);
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: thomas.personId }, ingrid)).statusCode).toBe(200);
    expect((await t.get(`/api/conversations/${id}`, asThomas)).statusCode).toBe(200);
  });

  it('never leaves the family talking to nobody: the last one from the school stays, and the guardian who started it keeps it', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const [own] = (await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Lekser', body: 'Hvor mye lekser er det?' }, kari)).json().conversationIds;
    const out = (personId: string, s: Session = ingrid) => t.send('DELETE', `/api/conversations/${own}/participants/${personId}`, undefined, s);
    const kariOut = await out(t.demo.people.kari);
    expect([kariOut.statusCode, kariOut.json().error.code]).toEqual([409, 'conversation_starter']);
    expect((await t.get(`/api/conversations/${own}`, kari)).statusCode).toBe(200);
    const alone = await out(t.demo.people.ingrid);
    expect([alone.statusCode, alone.json().error.code]).toEqual([409, 'last_school_participant']);
    // With a colleague in, the teacher may leave; the colleague is then the last one and stays.
    expect((await t.send('POST', `/api/conversations/${own}/participants`, { personId: t.demo.people.eva }, ingrid)).statusCode).toBe(200);
    expect((await out(t.demo.people.ingrid)).statusCode).toBe(200);
    const eva = await t.loginAs(t.demo.users.eva);
    expect((await out(t.demo.people.eva, eva)).json().error.code).toBe('last_school_participant');
    // The other parent, who did not start it, can still be taken out (9.9 may require it).
    expect((await out(thomas.personId, eva)).statusCode).toBe(200);
  });

  it('refuses to bring in staff of another school or the school nurse', async () => {
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people.tor }, ingrid)).statusCode).toBe(409);
    const nurse = await t.database.db.selectFrom('staff_roles').select('person_id').where('role', '=', 'helsesykepleier').executeTakeFirstOrThrow();
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: nurse.person_id }, ingrid)).statusCode).toBe(409);
  });

  it('answers another family, a father without parental responsibility, a teacher of another class and the other school\'s staff with 404 and nothing else, on every route', async () => {
    const before = await t.database.db.selectFrom('conversation_messages').select('id').where('conversation_id', '=', id).execute();
    for (const who of ['ali', 'sara', 'per', 'nils', 'tor', 'anders', 'hanne'] as const) {
      const s = await t.loginAs(t.demo.users[who]);
      const answers = [
        await t.get(`/api/conversations/${id}`, s),
        await t.get(`/api/conversations/${id}/candidates`, s),
        await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Hei' }, s),
        await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people[who] }, s),
        await t.send('DELETE', `/api/conversations/${id}/participants/${t.demo.people.kari}`, undefined, s),
      ];
      for (const res of answers) {
        expect([who, res.statusCode]).toEqual([who, 404]);
        expect(Object.keys(res.json())).toEqual(['error']);
        expect(res.body).not.toMatch(/Nordmann|Emma|Friminutt|@example\.no/);
      }
    }
    expect(await t.database.db.selectFrom('conversation_messages').select('id').where('conversation_id', '=', id).execute()).toEqual(before);
    expect((await t.get(`/api/conversations/${id}`, await t.loginAs(t.demo.users.kari))).json().participants).toHaveLength(4);
  });

  it('does not let a guardian see or change who is in it', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    expect((await t.get(`/api/conversations/${id}/candidates`, kari)).statusCode).toBe(404);
    expect((await t.send('DELETE', `/api/conversations/${id}/participants/${thomas.personId}`, undefined, kari)).statusCode).toBe(404);
  });
});
