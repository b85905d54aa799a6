// Staff writing to families: both parents with parental responsibility are reached (1.3) without a protected
// parent being shown to the other (9.9); a family nobody can be written to is named, not sent an empty thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { addGuardian, names } from './conversations.fixtures';

describe('staff writing to families', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const conversationsOf = (studentId: string) =>
    t.database.db.selectFrom('conversations').select('id').where('student_id', '=', studentId).execute();
  const notified = async (conversationIds: string[]) =>
    (await t.database.db.selectFrom('notification_outbox as o').innerJoin('conversation_messages as m', 'm.id', 'o.subject_id')
      .select('o.person_id').distinct().where('m.conversation_id', 'in', conversationIds).execute()).map((r) => r.person_id).sort();

  it("reaches both of Lina's parents, each in a conversation of their own, when her mother's address is protected", async () => {
    const nils = await t.loginAs(t.demo.users.nils);
    const res = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.lina], subject: 'Fin uke', body: 'Lina har hjulpet de yngste i friminuttene.', tone: 'positive' }, nils);
    expect(res.statusCode).toBe(200);
    const ids: string[] = res.json().conversationIds;
    expect(ids).toHaveLength(2);
    expect(await notified(ids)).toEqual([t.demo.people.ali, t.demo.people.sara].sort());

    const ali = await t.loginAs(t.demo.users.ali);
    const sara = await t.loginAs(t.demo.users.sara);
    const [aliThread] = (await t.get('/api/conversations', ali)).json().conversations.filter((c: { subject: string }) => c.subject === 'Fin uke');
    const [saraThread] = (await t.get('/api/conversations', sara)).json().conversations.filter((c: { subject: string }) => c.subject === 'Fin uke');
    expect(aliThread.id).not.toBe(saraThread.id);
    const asAli = await t.get(`/api/conversations/${aliThread.id}`, ali);
    expect(names(asAli.json().participants)).toEqual(['Ali', 'Nils']);
    expect(asAli.body).not.toContain(t.demo.people.sara);
    expect(asAli.body).not.toMatch(/Sara|Hemmelig/);
    const asSara = await t.get(`/api/conversations/${saraThread.id}`, sara);
    expect(names(asSara.json().participants)).toEqual(['Nils', 'Sara']);
    expect(asSara.body).not.toContain(t.demo.people.ali);
    expect(asSara.json().messages[0]).toMatchObject({ body: 'Lina har hjulpet de yngste i friminuttene.', tone: 'positive' });

    // Nor can the school put them together afterwards, and it is not offered.
    const candidates = (await t.get(`/api/conversations/${aliThread.id}/candidates`, nils)).json();
    expect(candidates.guardians).toEqual([]);
    expect((await t.send('POST', `/api/conversations/${aliThread.id}/participants`, { personId: t.demo.people.sara }, nils)).statusCode).toBe(409);
  });

  it('keeps the tone staff choose on a reply, and a guardian\'s reply neutral', async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const kari = await t.loginAs(t.demo.users.kari);
    const [id] = (await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Lesing', body: 'Emma leser mye hjemme, ser vi.' }, ingrid)).json().conversationIds;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Hun har gått opp ett nivå i lesing.', tone: 'positive' }, ingrid)).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Så fint å høre!', tone: 'positive' }, kari)).statusCode).toBe(200);
    const asKari = (await t.get(`/api/conversations/${id}`, kari)).json();
    expect(asKari.messages.map((m: { tone: string }) => m.tone)).toEqual(['neutral', 'positive', 'neutral']);
    expect(asKari.may).toEqual({ setTone: false, manageParticipants: false });
    expect((await t.get(`/api/conversations/${id}`, ingrid)).json().may).toEqual({ setTone: true, manageParticipants: true });
  });

  it('tells staff that the family of a student who has turned 18 cannot be written to, and sends nothing', async () => {
    await t.database.db.updateTable('persons').set({ birth_date: '2008-01-01' }).where('id', '=', t.demo.people.jonas).execute();
    const before = [(await conversationsOf(t.demo.people.jonas)).length, (await conversationsOf(t.demo.people.emma)).length];
    const henrik = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.jonas], subject: 'Prøve', body: 'Husk prøven fredag.' }, await t.loginAs(t.demo.users.jonasTeacher));
    expect(henrik.statusCode).toBe(409);
    expect(henrik.json().error).toMatchObject({ code: 'family_unreachable', issues: [{ path: 'studentIds.0', code: 'student_adult' }] });
    // Writing to several at once: the whole send waits, and says which family it is about.
    const marit = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma, t.demo.people.jonas], subject: 'Prøve', body: 'Husk prøven fredag.' }, await t.loginAs(t.demo.users.marit));
    expect(marit.json().error.issues).toEqual([expect.objectContaining({ path: 'studentIds.1', code: 'student_adult' })]);
    expect([(await conversationsOf(t.demo.people.jonas)).length, (await conversationsOf(t.demo.people.emma)).length]).toEqual(before);
  });

  it('names a student whose only guardian has no parental responsibility, rather than writing to nobody', async () => {
    const db = t.database.db;
    const { id: student } = await db.insertInto('persons').values({ given_name: 'Mia', family_name: 'Testesen', birth_date: '2018-05-01' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('students').values({ person_id: student, school_id: t.demo.schools.solbakken }).execute();
    await db.insertInto('enrolments').values({ student_id: student, group_id: t.demo.groups['3A'] }).execute();
    await addGuardian(t, { givenName: 'Bjørn', studentId: student, email: 'bjorn@example.no', parentalResponsibility: false });
    const res = await t.send('POST', '/api/conversations/to-families', { studentIds: [student], subject: 'Tur', body: 'Vi går på tur.' }, await t.loginAs(t.demo.users.ingrid));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'family_unreachable', issues: [{ path: 'studentIds.0', code: 'no_guardian_access' }] });
    expect(await conversationsOf(student)).toEqual([]);
  });
});
