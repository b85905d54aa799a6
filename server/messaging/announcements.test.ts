import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { sendDueAnnouncements } from './announcements.service';

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
    expect((await t.get(`/api/announcements/${id}`, kari)).json()).toMatchObject({ title: 'Foreldremøte', requiresAck: true, acknowledgedAt: null });
    expect((await t.send('POST', `/api/announcements/${id}/ack`, {}, kari)).statusCode).toBe(200);

    const receipts = (await t.get(`/api/announcements/${id}/receipts`, ingrid)).json();
    expect(receipts).toMatchObject({ total: recipientCount, read: 1, acknowledged: 1 });
    expect(receipts.recipients.find((r: { personId: string }) => r.personId === t.demo.people.kari)).toMatchObject({ studentName: 'Emma Nordmann' });
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

describe('the reach of a class', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it("lists the families nobody has reached in 30 days, until they read something", async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const before = (await t.get(`/api/groups/${t.demo.groups['3A']}/reach`, ingrid)).json();
    expect(before.notReached.map((f: { student: { id: string } }) => f.student.id)).toContain(t.demo.people.emma);
    const { id } = (await t.send('POST', '/api/announcements', { title: 'Info', body: 'Tur på fredag.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid)).json();
    await t.get(`/api/announcements/${id}`, await t.loginAs(t.demo.users.kari));
    const after = (await t.get(`/api/groups/${t.demo.groups['3A']}/reach`, ingrid)).json();
    expect(after.notReached.map((f: { student: { id: string } }) => f.student.id)).not.toContain(t.demo.people.emma);
    // Generated classmates' guardians have no login: they are listed by language for a call or a letter.
    expect(after.noChannel.length).toBeGreaterThan(0);
    expect(after.noChannel.flatMap((l: { guardians: { hasLogin: boolean }[] }) => l.guardians).every((g: { hasLogin: boolean }) => !g.hasLogin)).toBe(true);
  });

  it('tells the contact teacher which families have only heard about problems this term', async () => {
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Uro', body: 'Det har vært litt uro i timene.', tone: 'concern' }, ingrid);
    let view = (await t.get(`/api/groups/${t.demo.groups['3A']}/positive-contact`, ingrid)).json();
    expect(view.onlyProblems).toEqual([t.demo.people.emma]);
    await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Bra dag', body: 'Emma hjalp en medelev i dag.', tone: 'positive' }, ingrid);
    view = (await t.get(`/api/groups/${t.demo.groups['3A']}/positive-contact`, ingrid)).json();
    expect(view.onlyProblems).toEqual([]);
    expect(view.students.find((s: { id: string }) => s.id === t.demo.people.emma)).toMatchObject({ concernsThisTerm: 1, positivesThisTerm: 1 });
    expect(view.termStart).toBe('2026-08-01');
  });
});
