import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { sendDueAnnouncements } from './announcements.service';
import { fanOut, insertAnnouncement } from './announcements.repo';
import { osloDate } from '@shared/dates';
import { useDemoAppAsIngrid } from './testing/demo-app';
import { findAuditEntries } from '../audit/audit.repo';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

describe('announcements to a class, a school or the whole municipality', () => {
  let t: TestApp;
  let ingrid: Session;
  beforeAll(async () => {
    t = await createTestApp();
    ingrid = await t.loginAs(t.demo.users.ingrid);
  });
  afterAll(async () => { await t.close(); });

  const announce = (session: Session, body: Record<string, unknown>) =>
    t.send('POST', '/api/announcements', { title: 'Foreldremøte', body: 'Velkommen til foreldremøte tirsdag kl. 18.', category: 'information', ...body }, session);

  it('reaches every guardian with access in the class, once, and lets the teacher follow receipts', async () => {
    const res = await announce(ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, requiresAck: true });
    expect(res.statusCode).toBe(200);
    const { id, recipientCount, scheduled } = res.json();
    const guardianCount = await t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('e.group_id', '=', t.demo.groups['3A']).where('g.parental_responsibility', '=', true).executeTakeFirstOrThrow();
    expect(scheduled).toBe(false);
    expect(recipientCount).toBe(Number(guardianCount.n));

    const kari = await t.loginAs(t.demo.users.kari);
    const inbox = (await t.get('/api/inbox', kari)).json();
    expect(inbox.announcements.map((a: { id: string }) => a.id)).toContain(id);
    // Kari has children in two classes: the announcement says which class it went to.
    expect((await t.get(`/api/announcements/${id}`, kari)).json()).toMatchObject({ title: 'Foreldremøte', requiresAck: true, acknowledgedAt: null, audience: { type: 'groups', groups: ['3A'] } });
    expect((await t.send('POST', `/api/announcements/${id}/ack`, {}, kari)).statusCode).toBe(200);

    const receipts = (await t.get(`/api/announcements/${id}/receipts`, ingrid)).json();
    expect(receipts).toMatchObject({ total: recipientCount, read: 1, acknowledged: 1 });
    expect(receipts.recipients.find((r: { personId: string }) => r.personId === t.demo.people.kari)).toMatchObject({ studentNames: ['Emma Nordmann'] });
    // Another guardian of the class cannot see who has read it.
    expect((await t.get(`/api/announcements/${id}/receipts`, kari)).statusCode).toBe(404);
  });

  it('leaves out a parent without parental responsibility unless the school includes them', async () => {
    const marit = await t.loginAs(t.demo.users.marit);
    const only = (await announce(marit, { audience: { type: 'groups', groupIds: [t.demo.groups['7A']] } })).json();
    const per = await t.loginAs(t.demo.users.per);
    expect((await t.get(`/api/announcements/${only.id}`, per)).statusCode).toBe(404);
    const all = (await announce(marit, { audience: { type: 'groups', groupIds: [t.demo.groups['7A']] }, parentalResponsibilityOnly: false })).json();
    expect(all.recipientCount).toBe(only.recipientCount + 1);
    expect((await t.get(`/api/announcements/${all.id}`, per)).statusCode).toBe(200);
  });

  it('fans an announcement out once: a second fan-out of it is refused by the key, not written twice', async () => {
    const audience = { type: 'groups' as const, groupIds: [t.demo.groups['3A']] };
    const at = t.clock.now();
    const fan = (tx: Parameters<typeof fanOut>[0], id: string) => fanOut(tx, { id, audience, parentalResponsibilityOnly: true, includeStudents: false, onDate: osloDate(at), sentAt: at });
    let id = '';
    await t.database.db.transaction().execute(async (tx) => {
      id = await insertAnnouncement(tx, { ownerId: t.demo.ownerId, schoolId: t.demo.schools.solbakken, authorId: t.demo.people.ingrid, title: 'Tur', body: 'Tur på fredag.', category: 'practical', audience, parentalResponsibilityOnly: true, includeStudents: false, requiresAck: false, sendAt: at, at });
      expect(await fan(tx, id)).toBeGreaterThan(0);
    });
    const before = await t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).execute();
    await expect(t.database.db.transaction().execute((tx) => fan(tx, id))).rejects.toThrow(/announcement_recipients_pkey|duplicate key/);
    expect(await t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).execute()).toEqual(before);
  });

  it('gives a guardian with two children in the audience one copy', async () => {
    const anders = await t.loginAs(t.demo.users.anders);
    const res = await announce(anders, { audience: { type: 'owner', ownerId: t.demo.ownerId }, category: 'urgent', title: 'Stengt skole', body: 'Alle skoler er stengt i morgen på grunn av uvær.' });
    expect(res.statusCode).toBe(200);
    const copies = await t.database.db.selectFrom('announcement_recipients').select('person_id')
      .where('announcement_id', '=', res.json().id).where('person_id', '=', t.demo.people.kari).execute();
    expect(copies).toHaveLength(1);
  });

  it('refuses a teacher an audience she does not teach, and a principal another school', async () => {
    expect((await announce(ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } })).statusCode).toBe(404);
    expect((await announce(ingrid, { audience: { type: 'school', schoolId: t.demo.schools.solbakken } })).statusCode).toBe(404);
    const marit = await t.loginAs(t.demo.users.marit);
    expect((await announce(marit, { audience: { type: 'school', schoolId: t.demo.schools.fjellvang } })).statusCode).toBe(404);
    expect((await announce(marit, { audience: { type: 'owner', ownerId: t.demo.ownerId } })).statusCode).toBe(404);
  });

  it('sends a scheduled announcement when its time comes, once', async () => {
    const sendAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const res = (await announce(ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt, title: 'Påminnelse' })).json();
    expect(res).toMatchObject({ scheduled: true, recipientCount: 0 });
    const sys = { db: t.database.db, clock: t.clock, log: t.app.log };
    expect(await sendDueAnnouncements(sys)).toEqual([]);
    t.clock.set(sendAt);
    expect(await sendDueAnnouncements(sys)).toEqual([res.id]);
    expect(await sendDueAnnouncements(sys)).toEqual([]);
    expect((await t.get(`/api/announcements/${res.id}`, await t.loginAs(t.demo.users.kari))).statusCode).toBe(200);
  });

  it('carries a PDF to the families, and refuses a file that is not what it claims', async () => {
    const ok = await announce(ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, attachments: [{ filename: 'plan.pdf', contentType: 'application/pdf', dataBase64: PDF }] });
    expect(ok.statusCode).toBe(200);
    const kari = await t.loginAs(t.demo.users.kari);
    const view = (await t.get(`/api/announcements/${ok.json().id}`, kari)).json();
    expect(view.attachments).toEqual([expect.objectContaining({ filename: 'plan.pdf', contentType: 'application/pdf' })]);
    const file = await t.get(`/api/announcements/${ok.json().id}/attachments/${view.attachments[0].id}`, kari);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.get(`/api/announcements/${ok.json().id}/attachments/${view.attachments[0].id}`, await t.loginAs(t.demo.users.tor))).statusCode).toBe(404);

    const fake = await announce(ingrid, { audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, attachments: [{ filename: 'plan.pdf', contentType: 'application/pdf', dataBase64: PNG }] });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.issues[0]).toMatchObject({ path: 'attachments.0', code: 'invalid_type' });
  });
});

describe('before an announcement goes out', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const announce = async (user: keyof TestApp['demo']['users'], body: Record<string, unknown>) =>
    t.send('POST', '/api/announcements', { title: 'Tegnekonkurransen', category: 'positive', ...body }, await t.loginAs(t.demo.users[user]));
  const warnings = (res: { json(): { error: { code: string; issues: { code: string; message: string }[] } } }) =>
    res.json().error.code === 'content_warning' ? res.json().error.issues.map((i) => `${i.code}: ${i.message}`) : [];

  it("warns when a class announcement names a classmate, but not when it goes to that child's own family", async () => {
    const text = 'Emma Nordmann vant tegnekonkurransen i dag!';
    const toClass = await announce('ingrid', { body: text, audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } });
    expect(toClass.statusCode).toBe(409);
    expect(warnings(toClass)).toEqual(['names_other_student: Emma Nordmann']);
    expect((await announce('ingrid', { body: text, audience: { type: 'students', studentIds: [t.demo.people.emma] } })).statusCode).toBe(200);
    // A class announcement that names nobody goes without a question.
    expect((await announce('ingrid', { body: 'Hele klassen deltok i tegnekonkurransen!', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } })).statusCode).toBe(200);
  });

  it("counts a sibling as the family's own only when every recipient is that sibling's parent too", async () => {
    // To Jonas's family about his sister Emma: Kari is the mother of both. Per, Jonas's father without parental
    // responsibility (and not Emma's father), gets it only when the school includes him: then Emma is another child.
    const text = 'Jonas hjalp Emma Nordmann med leksene i AKS.';
    const jonas = { type: 'students', studentIds: [t.demo.people.jonas] };
    expect((await announce('jonasTeacher', { body: text, audience: jonas })).statusCode).toBe(200);
    const withPer = await announce('jonasTeacher', { body: text, audience: jonas, parentalResponsibilityOnly: false });
    expect(warnings(withPer)).toEqual(['names_other_student: Emma Nordmann']);
  });

  it("checks an announcement to every school of the owner too", async () => {
    const named = await announce('anders', { body: 'Gratulerer til Emma Nordmann!', audience: { type: 'owner', ownerId: t.demo.ownerId } });
    expect(warnings(named)).toEqual(['names_other_student: Emma Nordmann']);
    const health = await announce('anders', { category: 'information', body: 'Elever med diabetes må ta med medisiner på turen.', audience: { type: 'owner', ownerId: t.demo.ownerId } });
    expect(warnings(health)).toEqual(['health_information: diabetes, medisiner']);
    expect((await announce('anders', { category: 'information', body: 'Elever med diabetes må ta med medisiner på turen.', audience: { type: 'owner', ownerId: t.demo.ownerId }, confirmWarnings: true })).statusCode).toBe(200);
  });

  it('takes a confirmation for the warnings the sender saw, and asks again when the text was changed after them', async () => {
    const toClass = { category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } };
    const first = await announce('ingrid', { ...toClass, body: 'Husk matpakke, vi har nøtteallergi i klassen.' });
    const shown = first.json().error.issues.map((i: { code: string; message: string }) => ({ kind: i.code, detail: i.message }));
    expect(shown).toEqual([{ kind: 'health_information', detail: 'nøtteallergi' }]);
    // The walk-through's case: warned about one text, then a worse one sent with "send anyway".
    const changed = await announce('ingrid', { ...toClass, body: 'Emma Nordmann har fått diagnose ADHD.', confirmWarnings: shown });
    expect(changed.statusCode).toBe(409);
    expect(warnings(changed)).toEqual(['health_information: diagnose, adhd', 'names_other_student: Emma Nordmann']);
    expect((await announce('ingrid', { ...toClass, body: 'Husk matpakke, vi har nøtteallergi i klassen.', confirmWarnings: shown })).statusCode).toBe(200);
  });
});

describe('receipts for the sender', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('show how each guardian was notified, but not how a strengt fortrolig guardian is reached to staff not designated for it', async () => {
    const nils = await t.loginAs(t.demo.users.nils);
    const { id } = (await t.send('POST', '/api/announcements', { title: 'Utedag', body: 'Vi er ute hele dagen.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json();
    const byPerson = (receipts: { recipients: { personId: string; notified: unknown }[] }) => new Map(receipts.recipients.map((r) => [r.personId, r.notified]));
    const seenByNils = byPerson((await t.get(`/api/announcements/${id}/receipts`, nils)).json());
    // Queued, not yet sent: the e-mail waits for the escalation time.
    expect(seenByNils.get(t.demo.people.ali)).toEqual([{ channel: 'email', state: 'queued' }]);
    expect(seenByNils.get(t.demo.people.sara)).toBeNull();
    const seenByMarit = byPerson((await t.get(`/api/announcements/${id}/receipts`, await t.loginAs(t.demo.users.marit))).json());
    expect(seenByMarit.get(t.demo.people.sara)).toEqual([{ channel: 'email', state: 'queued' }]);
    // Another school's teacher and another class's teacher see no receipts at all.
    expect((await t.get(`/api/announcements/${id}/receipts`, await t.loginAs(t.demo.users.tor))).statusCode).toBe(404);
    expect((await t.get(`/api/announcements/${id}/receipts`, await t.loginAs(t.demo.users.ingrid))).statusCode).toBe(404);
    expect((await t.get(`/api/announcements/${id}`, await t.loginAs(t.demo.users.kari))).statusCode).toBe(404);
  });

  it("name each of a guardian's children the announcement reaches her for: one copy, both children", async () => {
    const marit = await t.loginAs(t.demo.users.marit);
    const { id } = (await t.send('POST', '/api/announcements', { title: 'Juleavslutning', body: 'Velkommen til juleavslutning i gymsalen.', category: 'information', audience: { type: 'school', schoolId: t.demo.schools.solbakken } }, marit)).json();
    const kari = (await t.get(`/api/announcements/${id}/receipts`, marit)).json().recipients.filter((r: { personId: string }) => r.personId === t.demo.people.kari);
    expect(kari).toEqual([expect.objectContaining({ studentNames: ['Emma Nordmann', 'Jonas Nordmann'] })]);
  });

  it('say when a scheduled announcement will go, and that a confidential one keeps its text in Tillit', async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const sendAt = '2026-11-24T07:30:00.000Z';
    const { id } = (await t.send('POST', '/api/announcements', { title: 'Samtaler', body: 'Tider for samtaler kommer.', category: 'information', confidential: true, sendAt, audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid)).json();
    expect((await t.get(`/api/announcements/${id}/receipts`, ingrid)).json()).toMatchObject({ scheduledFor: sendAt, confidential: true, total: 0 });
  });
});

describe('the reach of a class with a strengt fortrolig family', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  type Guardian = { personId: string; channelsHidden: boolean; hasLogin: boolean; hasEmail: boolean; emailBounced: boolean; hasPhone: boolean; phone: string | null };
  type Reach = { notReached: { guardians: Guardian[] }[]; noChannel: { guardians: Guardian[] }[] };
  const reachOf5B = async (userId: string) => (await t.get(`/api/groups/${t.demo.groups['5B']}/reach`, await t.loginAs(userId))).json() as Reach;
  const find = (r: Reach['notReached'], id: string) => r.flatMap((l) => l.guardians).find((g) => g.personId === id);

  it("keeps which channels reach her from a teacher not designated for her, as the roster keeps her phone and e-mail", async () => {
    const byNils = await reachOf5B(t.demo.users.nils);
    expect(find(byNils.notReached, t.demo.people.sara)).toMatchObject({ channelsHidden: true, hasLogin: false, hasEmail: false, emailBounced: false, hasPhone: false });
    // Her co-parent is not protected: his channels are shown.
    expect(find(byNils.notReached, t.demo.people.ali)).toMatchObject({ channelsHidden: false, hasEmail: true });
    // "No working channel" would say Tillit holds no phone or e-mail for her: she is not listed there to Nils.
    expect(find(byNils.noChannel, t.demo.people.sara)).toBeUndefined();
    const byMarit = await reachOf5B(t.demo.users.marit);
    expect(find(byMarit.notReached, t.demo.people.sara)).toMatchObject({ channelsHidden: false, hasLogin: true, hasEmail: true, hasPhone: true });
  });

  it("gives the number to call only where the reader may see it, and audits a protected guardian's number shown", async () => {
    const phoneOf = async (id: string) => (await t.database.db.selectFrom('persons').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone;
    const byNils = await reachOf5B(t.demo.users.nils);
    expect(find(byNils.notReached, t.demo.people.sara)!.phone).toBeNull();
    // Her co-parent is not protected: his number is there to call.
    expect(await phoneOf(t.demo.people.ali)).toMatch(/\d/);
    expect(find(byNils.notReached, t.demo.people.ali)!.phone).toBe(await phoneOf(t.demo.people.ali));
    const byMarit = await reachOf5B(t.demo.users.marit);
    expect(find(byMarit.notReached, t.demo.people.sara)!.phone).toBe(await phoneOf(t.demo.people.sara));
    const shown = await findAuditEntries(t.database.db, { subjectId: t.demo.people.sara, action: 'protected_details.read' });
    expect(shown.map((a) => a.actor_user_id)).toContain(t.demo.users.marit);
    expect(shown.map((a) => a.actor_user_id)).not.toContain(t.demo.users.nils);
    const reads = await findAuditEntries(t.database.db, { subjectId: t.demo.groups['5B'], action: 'group_reach.read' });
    expect(reads.map((a) => a.actor_user_id)).toEqual(expect.arrayContaining([t.demo.users.nils, t.demo.users.marit]));
  });
});

describe('the reach of a class', () => {
  const app = useDemoAppAsIngrid();

  type Group = { language: string; interpreterNeeded: number; guardians: { personId: string; students: string[]; hasEmail: boolean; hasPhone: boolean; hasLogin: boolean }[] };
  const reach = async () => (await app.t.get(`/api/groups/${app.t.demo.groups['3A']}/reach`, app.ingrid)).json() as { notReachedFamilies: number; notReached: Group[]; noChannel: Group[] };
  const ids = (groups: Group[]) => groups.flatMap((g) => g.guardians.map((x) => x.personId));

  it('lists the families nobody has reached in 30 days by language, and whom no channel reaches', async () => {
    const classSize = (await app.t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', app.t.demo.groups['3A']).execute()).length;
    // A classmate's mother reads Polish, needs an interpreter, and the school has neither her e-mail nor her phone.
    const classmate = (await app.t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .select('g.guardian_id').where('e.group_id', '=', app.t.demo.groups['3A']).where('e.student_id', '!=', app.t.demo.people.emma).executeTakeFirstOrThrow()).guardian_id;
    await app.t.database.db.updateTable('persons').set({ email: null, phone: null, preferred_language: 'pl', interpreter_needed: true }).where('id', '=', classmate).execute();

    const before = await reach();
    expect(before.notReachedFamilies).toBe(classSize);
    expect(before.notReached.map((g) => [g.language, g.interpreterNeeded])).toEqual([['nb', 0], ['pl', 1]]);
    expect(ids(before.notReached)).toContain(app.t.demo.people.kari);
    // Everyone else in the class has an e-mail address or the app: only she has no working channel.
    expect(before.noChannel).toEqual([{ language: 'pl', interpreterNeeded: 1, guardians: [expect.objectContaining({ personId: classmate, hasLogin: false, hasEmail: false, hasPhone: false })] }]);

    const { id } = (await app.t.send('POST', '/api/announcements', { title: 'Info', body: 'Tur på fredag.', category: 'practical', audience: { type: 'groups', groupIds: [app.t.demo.groups['3A']] } }, app.ingrid)).json();
    await app.t.get(`/api/announcements/${id}`, await app.t.loginAs(app.t.demo.users.kari));
    const after = await reach();
    expect(after.notReachedFamilies).toBe(classSize - 1);
    expect(ids(after.notReached)).not.toContain(app.t.demo.people.kari);
    // A phone number is a way to reach her (SMS, a call).
    await app.t.database.db.updateTable('persons').set({ phone: '+47 900 00 000' }).where('id', '=', classmate).execute();
    expect((await reach()).noChannel).toEqual([]);
  });

  it('counts positive contact the same way for the last time and for the term, from messages and announcements', async () => {
    const positive = async () => (await app.t.get(`/api/groups/${app.t.demo.groups['3A']}/positive-contact`, app.ingrid)).json();
    const emma = async () => (await positive()).students.find((s: { id: string }) => s.id === app.t.demo.people.emma);
    // Last term (June), a positive word to Emma's family: it is the last positive contact, but not this term's.
    app.t.clock.set('2026-06-10T10:00:00Z');
    const june = (await app.t.send('POST', '/api/announcements', { title: 'Flott vår', body: 'Emma har jobbet godt i vår.', category: 'positive', audience: { type: 'students', studentIds: [app.t.demo.people.emma] } }, app.ingrid)).json();
    expect(june.recipientCount).toBe(1);
    app.t.clock.set('2026-11-20T10:00:00Z');
    await app.t.send('POST', '/api/conversations/to-families', { studentIds: [app.t.demo.people.emma], subject: 'Uro', body: 'Det har vært litt uro i timene.', tone: 'concern' }, app.ingrid);
    // Good news for the whole class is not contact about Emma.
    await app.t.send('POST', '/api/announcements', { title: 'Konsert', body: 'Klassen sang så fint!', category: 'positive', audience: { type: 'groups', groupIds: [app.t.demo.groups['3A']] } }, app.ingrid);
    let view = await positive();
    expect(view.onlyProblems).toEqual([app.t.demo.people.emma]);
    expect(await emma()).toMatchObject({ lastPositiveAt: '2026-06-10T10:00:00.000Z', positivesThisTerm: 0, concernsThisTerm: 1 });

    app.t.clock.set('2026-11-21T10:00:00Z');
    await app.t.send('POST', '/api/conversations/to-families', { studentIds: [app.t.demo.people.emma], subject: 'Bra dag', body: 'Emma hjalp en medelev i dag.', tone: 'positive' }, app.ingrid);
    app.t.clock.set('2026-11-22T10:00:00Z');
    await app.t.send('POST', '/api/announcements', { title: 'Takk', body: 'Takk for at Emma ryddet etter festen.', category: 'positive', audience: { type: 'students', studentIds: [app.t.demo.people.emma] } }, app.ingrid);
    view = await positive();
    expect(view.onlyProblems).toEqual([]);
    expect(await emma()).toMatchObject({ lastPositiveAt: '2026-11-22T10:00:00.000Z', positivesThisTerm: 2, concernsThisTerm: 1 });
    expect(view.termStart).toBe('2026-08-01');
  });
});
