import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';

const names = (people: { givenName: string }[]) => people.map((p) => p.givenName).sort();

describe('conversations between a family and the school', () => {
  let t: TestApp;
  let thomas: string;
  beforeAll(async () => {
    t = await createTestApp();
    // Emma's father, with parental responsibility, living at another address (a split household).
    const p = await t.database.db.insertInto('persons').values({ given_name: 'Thomas', family_name: 'Nordmann', email: 'thomas@example.no' }).returning('id').executeTakeFirstOrThrow();
    thomas = p.id;
    await t.database.db.insertInto('guardianships').values({ guardian_id: thomas, student_id: t.demo.people.emma, parental_responsibility: true, lives_with: false }).execute();
    await t.database.db.insertInto('users').values({ person_id: thomas, username: 'thomas.nordmann' }).execute();
  });
  afterAll(async () => { await t.close(); });

  it('shows a guardian who will read a question before it is sent: both parents and the contact teacher', async () => {
    const res = await t.get(`/api/conversations/recipients?studentId=${t.demo.people.emma}&topic=academic`, await t.loginAs(t.demo.users.kari));
    expect(res.statusCode).toBe(200);
    expect(names(res.json().staff)).toEqual(['Ingrid']);
    expect(res.json().staff[0].role).toBe('kontaktlaerer');
    expect(names(res.json().guardians)).toEqual(['Kari', 'Thomas']);
  });

  it('routes a question about AKS time to the AKS base leader, not the contact teacher', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const res = await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'aks', subject: 'Henting torsdag', body: 'Emma blir hentet kl. 15 på torsdag.' }, kari);
    expect(res.statusCode).toBe(200);
    const [id] = res.json().conversationIds;
    const ole = (await t.get('/api/conversations', await t.loginAs(t.demo.users.ole))).json().conversations;
    expect(ole.map((c: { id: string }) => c.id)).toContain(id);
    const ingrid = (await t.get('/api/conversations', await t.loginAs(t.demo.users.ingrid))).json().conversations;
    expect(ingrid.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('sends a practical question from a child without AKS to the school office', async () => {
    const preview = (await t.get(`/api/conversations/recipients?studentId=${t.demo.people.jonas}&topic=aks`, await t.loginAs(t.demo.users.kari))).json();
    expect(preview.staff.map((s: { role: string }) => s.role)).toEqual(['kontor']);
  });

  it('never adds a parent without parental responsibility', async () => {
    const preview = (await t.get(`/api/conversations/recipients?studentId=${t.demo.people.jonas}&topic=academic`, await t.loginAs(t.demo.users.kari))).json();
    expect(names(preview.guardians)).toEqual(['Kari']);
    expect(names(preview.staff)).toEqual(['Henrik']);
  });

  it("does not copy the other parent in when a parent's address is protected", async () => {
    const fromAli = (await t.get(`/api/conversations/recipients?studentId=${t.demo.people.lina}&topic=academic`, await t.loginAs(t.demo.users.ali))).json();
    expect(names(fromAli.guardians)).toEqual(['Ali']);
    const fromSara = (await t.get(`/api/conversations/recipients?studentId=${t.demo.people.lina}&topic=academic`, await t.loginAs(t.demo.users.sara))).json();
    expect(names(fromSara.guardians)).toEqual(['Sara']);
  });

  it('lets the contact teacher see when each guardian has read her message', async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const created = await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Flott uke', body: 'Emma har vært en god venn denne uka.', tone: 'positive' }, ingrid);
    expect(created.statusCode).toBe(200);
    const [id] = created.json().conversationIds;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const asKari = await t.get(`/api/conversations/${id}`, await t.loginAs(t.demo.users.kari));
    expect(asKari.statusCode).toBe(200);
    const detail = (await t.get(`/api/conversations/${id}`, ingrid)).json();
    expect(names(detail.participants)).toEqual(['Ingrid', 'Kari', 'Thomas']);
    expect(detail.messages[0].readBy).toEqual([t.demo.people.kari]);
    expect(detail.messages[0].tone).toBe('positive');
  });

  it('warns before a message to several families names another student, and sends when confirmed', async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const emmaClassmates = (await t.get(`/api/groups/${t.demo.groups['3A']}/roster`, ingrid)).json().students as { id: string; givenName: string; familyName: string }[];
    const other = emmaClassmates.find((s) => s.id !== t.demo.people.emma)!;
    const body = { studentIds: [t.demo.people.emma, other.id], subject: 'Tur', body: `Husk at ${other.givenName} ${other.familyName} har epilepsi.` };
    const warned = await t.send('POST', '/api/conversations/to-families', body, ingrid);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.code).toBe('content_warning');
    expect(warned.json().error.issues.map((i: { code: string }) => i.code).sort()).toEqual(['health_information', 'names_other_student']);
    const sent = await t.send('POST', '/api/conversations/to-families', { ...body, confirmWarnings: true }, ingrid);
    expect(sent.json().conversationIds).toHaveLength(2);
  });

  it("warns before a message to one family names another family's child, and checks again a text changed after the warning", async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const roster = (await t.get(`/api/groups/${t.demo.groups['3A']}/roster`, ingrid)).json().students as { id: string; givenName: string; familyName: string }[];
    const [a, b] = roster.filter((s) => s.id !== t.demo.people.emma);
    const toEmma = (text: string, confirmWarnings?: unknown) =>
      t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Friminutt', body: text, ...(confirmWarnings === undefined ? {} : { confirmWarnings }) }, ingrid);
    // The family's own child, and its own health matters, are theirs to hear about.
    expect((await toEmma('Emma Nordmann var på sykehuset i dag, hun har det bra nå.')).statusCode).toBe(200);
    const warned = await toEmma(`Emma og ${a!.givenName} ${a!.familyName} kranglet i dag.`);
    expect(warned.statusCode).toBe(409);
    const shown = warned.json().error.issues.map((i: { code: string; message: string }) => ({ kind: i.code, detail: i.message }));
    expect(shown).toEqual([{ kind: 'names_other_student', detail: `${a!.givenName} ${a!.familyName}` }]);
    // Confirmed for what was shown, then the text names someone else: asked again, nothing sent.
    const before = (await t.database.db.selectFrom('conversations').select('id').execute()).length;
    const changed = await toEmma(`Emma og ${b!.givenName} ${b!.familyName} kranglet i dag.`, shown);
    expect(changed.statusCode).toBe(409);
    expect((await t.database.db.selectFrom('conversations').select('id').execute()).length).toBe(before);
    expect((await toEmma(`Emma og ${a!.givenName} ${a!.familyName} kranglet i dag.`, shown)).statusCode).toBe(200);
  });

  it('lets the contact teacher bring in the social teacher, but not staff of another school', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const [id] = (await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'social', subject: 'Friminutt', body: 'Emma er lei seg etter friminuttene.' }, kari)).json().conversationIds;
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people.eva }, ingrid)).statusCode).toBe(200);
    expect((await t.get(`/api/conversations/${id}`, await t.loginAs(t.demo.users.eva))).statusCode).toBe(200);
    const tor = await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people.tor }, ingrid);
    expect(tor.statusCode).toBe(409);
    // A guardian cannot manage who is in the conversation.
    expect((await t.send('POST', `/api/conversations/${id}/participants`, { personId: t.demo.people.eva }, kari)).statusCode).toBe(404);
    // The school takes the father out; he can no longer read it.
    expect((await t.send('DELETE', `/api/conversations/${id}/participants/${thomas}`, undefined, ingrid)).statusCode).toBe(200);
    expect((await t.get(`/api/conversations/${id}`, await t.loginAs((await t.database.db.selectFrom('users').select('id').where('person_id', '=', thomas).executeTakeFirstOrThrow()).id))).statusCode).toBe(404);
  });

  it("closes a guardian's threads about a student who has turned 18", async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const [id] = (await t.send('POST', '/api/conversations', { studentId: t.demo.people.jonas, topic: 'academic', subject: 'Matte', body: 'Hvordan går det i matte?' }, kari)).json().conversationIds;
    expect((await t.get(`/api/conversations/${id}`, kari)).statusCode).toBe(200);
    await t.database.db.updateTable('persons').set({ birth_date: '2008-01-01' }).where('id', '=', t.demo.people.jonas).execute();
    const after = await t.loginAs(t.demo.users.kari);
    expect((await t.get(`/api/conversations/${id}`, after)).statusCode).toBe(404);
    expect((await t.get('/api/conversations', after)).json().conversations.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await t.send('POST', '/api/conversations', { studentId: t.demo.people.jonas, topic: 'academic', subject: 'Igjen', body: 'Hei' }, after)).statusCode).toBe(404);
  });

  it("counts each reader's unread messages and shows the last one in the list, as the inbox opens", async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const started = await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Leselekser', body: 'Hvor mye skal Emma lese hver dag?' }, kari);
    const [id] = started.json().conversationIds as string[];
    const row = async (session: typeof kari) => ((await t.get('/api/inbox', session)).json().conversations as { id: string; unread: number; lastMessagePreview: string }[]).find((c) => c.id === id)!;
    expect(await row(kari)).toMatchObject({ unread: 0, lastMessagePreview: 'Hvor mye skal Emma lese hver dag?' });
    expect((await row(ingrid)).unread).toBe(1);

    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Tjue minutter holder.' }, ingrid);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Gjerne høyt for en voksen.' }, ingrid);
    expect(await row(kari)).toMatchObject({ unread: 2, lastMessagePreview: 'Gjerne høyt for en voksen.' });
    // Writing is reading: the teacher has nothing unread in her own thread.
    expect((await row(ingrid)).unread).toBe(0);

    expect((await t.get(`/api/conversations/${id}`, kari)).statusCode).toBe(200);
    expect((await row(kari)).unread).toBe(0);
    // Thomas, Emma's father, has not opened it: all three are new to him.
    expect((await row(await t.loginAs((await t.database.db.selectFrom('users').select('id').where('person_id', '=', thomas).executeTakeFirstOrThrow()).id))).unread).toBe(3);
  });
});
