// Staff writing to families: both parents with parental responsibility are reached (1.3) without a protected
// parent being shown to the other (9.9); a family nobody can be written to is named, not sent an empty thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { addGuardian, names } from './conversations.fixtures';
import { subscribe, type LiveEvent } from './events';

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

  it('writes to a whole class in as many statements as to one family: one conversation per household, each notified', async () => {
    const db = t.database.db;
    const nils = await t.loginAs(t.demo.users.nils);
    const classmates = (await db.selectFrom('enrolments as e').innerJoin('persons as p', 'p.id', 'e.student_id').select('p.id')
      .where('e.group_id', '=', t.demo.groups['5B']).where('p.id', '<>', t.demo.people.lina)
      .orderBy('p.given_name').orderBy('p.family_name').orderBy('p.birth_date').orderBy('p.id').execute()).map((r) => r.id);
    // A second parent reached by phone only, one without parental responsibility, a browser, an address that bounced.
    const phoneOnly = await addGuardian(t, { givenName: 'Tove', studentId: classmates[0]!, phone: '+47 400 00 001' });
    await addGuardian(t, { givenName: 'Geir', studentId: classmates[0]!, email: 'geir@example.no', parentalResponsibility: false });
    const guardianOf = async (studentId: string) => (await db.selectFrom('guardianships as g').innerJoin('persons as p', 'p.id', 'g.guardian_id')
      .select(['p.id', 'p.email']).where('g.student_id', '=', studentId).executeTakeFirstOrThrow());
    const bounced = await guardianOf(classmates[1]!);
    await db.insertInto('email_bounces').values({ person_id: bounced.id, address: bounced.email!.toLowerCase(), bounced_at: t.clock.now(), response: '550 5.1.1' }).execute();
    await db.insertInto('push_subscriptions').values({ person_id: (await guardianOf(classmates[2]!)).id, endpoint: 'https://push.example/5b', p256dh: 'k', auth: 'a' }).execute();

    const send = async (studentIds: string[], subject: string) => {
      const readers = [t.demo.people.sara, t.demo.people.ali, phoneOnly.personId];
      const heard: LiveEvent[][] = readers.map(() => []);
      const stop = readers.map((r, i) => subscribe(r, (e) => { heard[i]!.push(e); }));
      // Each statement that may write is reported once it has run, and all of them once more at the commit.
      let writes = 0;
      const unsubscribe = t.database.onWrite(() => { writes += 1; });
      const res = await t.send('POST', '/api/conversations/to-families', { studentIds, subject, body: 'Vi har ekskursjon fredag.', tone: 'positive', confirmWarnings: true }, nils);
      unsubscribe();
      for (const s of stop) s();
      expect(res.statusCode).toBe(200);
      return { ids: res.json().conversationIds as string[], writes, heard };
    };
    const one = await send([classmates[0]!], 'Én familie');
    const studentIds = [t.demo.people.lina, ...classmates];
    const all = await send(studentIds, 'Hele klassen');

    const label = async (personId: string) => {
      const p = await db.selectFrom('persons').select(['given_name', 'family_name']).where('id', '=', personId).executeTakeFirstOrThrow();
      return `${p.given_name} ${p.family_name}`;
    };
    const at = t.clock.now();
    const described: string[] = [];
    for (const id of all.ids) {
      const c = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(c).toMatchObject({ topic: 'other', subject: 'Hele klassen', started_by: t.demo.people.nils, created_at: at, last_message_at: at });
      const participants = await db.selectFrom('conversation_participants').selectAll().where('conversation_id', '=', id).orderBy('person_id').execute();
      for (const p of participants) {
        expect(p).toMatchObject({ added_at: at, removed_at: null, ...(p.kind === 'staff'
          ? { person_id: t.demo.people.nils, added_by: null, last_read_at: at }
          : { added_by: t.demo.people.nils, last_read_at: null }) });
      }
      const messages = await db.selectFrom('conversation_messages').selectAll().where('conversation_id', '=', id).execute();
      expect(messages).toEqual([expect.objectContaining({ sender_id: t.demo.people.nils, body: 'Vi har ekskursjon fredag.', tone: 'positive', created_at: at })]);
      const outbox = await db.selectFrom('notification_outbox').selectAll().where('subject_id', '=', messages[0]!.id).orderBy('person_id').orderBy('channel').execute();
      for (const o of outbox) expect(o).toMatchObject({ topic: 'message', category: 'message', confidential: true, status: 'pending', due_at: at, created_at: at });
      const guardians = await Promise.all(participants.filter((p) => p.kind === 'guardian').map((p) => label(p.person_id)));
      const channels = await Promise.all(outbox.map(async (o) => `${await label(o.person_id)} ${o.channel}`));
      described.push(`${studentIds.indexOf(c.student_id)} ${await label(c.student_id)}: ${guardians.sort().join(', ')} <- ${channels.sort().join(', ')}`);
    }
    // In the order the students were asked for; Lina's parents each in a conversation of their own; the parent
    // without parental responsibility left out; the bounced address texted instead, the browser pushed to as well.
    expect(described).toMatchInlineSnapshot(`
      [
        "0 Lina Ahmed: Ali Ahmed <- Ali Ahmed email",
        "0 Lina Ahmed: Sara Ahmed <- Sara Ahmed email",
        "1 Anders Halvorsen: Sara Halvorsen, Tove Testesen <- Sara Halvorsen email, Tove Testesen sms",
        "2 Emma Kristoffersen: Per Kristoffersen <- Per Kristoffersen sms",
        "3 Geir Kristoffersen: Ida Kristoffersen <- Ida Kristoffersen email, Ida Kristoffersen push",
        "4 Hedda Nilsen: Ida Nilsen <- Ida Nilsen email",
        "5 Henrik Bakken: Sander Bakken <- Sander Bakken email",
        "6 Hilde Iversen: Isak Iversen <- Isak Iversen email",
        "7 Ingrid Haugen: Per Haugen <- Per Haugen email",
        "8 Lars Kristoffersen: Ella Kristoffersen <- Ella Kristoffersen email",
        "9 Leah Eide: Leah Eide <- Leah Eide email",
        "10 Silje Pedersen: Per Pedersen <- Per Pedersen email",
      ]
    `);
    // After the commit, each household's guardians hear of their own conversation, and only of it (Ali's comes first).
    const live = (id: string) => [{ type: 'conversation.message', id }];
    expect(all.heard).toEqual([live(all.ids[1]!), live(all.ids[0]!), live(all.ids[2]!)]);
    expect(one.heard).toEqual([[], [], live(one.ids[0]!)]);
    // The statements the write makes do not grow with the number of families.
    expect(all.writes).toBe(one.writes);
  });
});
