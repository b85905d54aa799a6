// Every audience the API offers, through the real routes: several classes, a level, an AKS group, the school (also
// for the office), chosen students, the students themselves; and what the form is offered for each person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { MAX_ATTACHMENT_BYTES } from '@shared/contracts/messaging';
import { useDemoAppAsIngrid } from './testing/demo-app';

describe('announcing to each kind of audience', () => {
  const app = useDemoAppAsIngrid();

  const announce = (session: Session, body: Record<string, unknown>) =>
    app.t.send('POST', '/api/announcements', { title: 'Beskjed', body: 'Husk matpakke på fredag.', category: 'practical', ...body }, session);

  /** The guardians with parental responsibility of the students in these groups, each once. */
  const guardiansOfGroups = async (groupIds: string[]) => {
    const rows = await app.t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .select('g.guardian_id').distinct().where('e.group_id', 'in', groupIds).where('g.parental_responsibility', '=', true).execute();
    return rows.map((r) => r.guardian_id).sort();
  };
  const recipientsOf = async (id: string, kind: 'guardian' | 'student' = 'guardian') =>
    (await app.t.database.db.selectFrom('announcement_recipients').select('person_id').where('announcement_id', '=', id).where('kind', '=', kind).execute())
      .map((r) => r.person_id).sort();

  it('reaches the guardians of several classes the teacher teaches, a guardian in both once', async () => {
    const res = await announce(app.ingrid, { audience: { type: 'groups', groupIds: [app.t.demo.groups['3A'], app.t.demo.groups['1A']] } });
    expect(res.statusCode).toBe(200);
    const expected = await guardiansOfGroups([app.t.demo.groups['3A'], app.t.demo.groups['1A']]);
    expect(await recipientsOf(res.json().id)).toEqual(expected);
    expect(res.json().recipientCount).toBe(expected.length);
    // One class she does not teach among them refuses the whole announcement.
    expect((await announce(app.ingrid, { audience: { type: 'groups', groupIds: [app.t.demo.groups['3A'], app.t.demo.groups['5B']] } })).statusCode).toBe(404);
  });

  it('reaches every class of a level for the principal, with access rules applied (not Per, Kari once)', async () => {
    const marit = await app.t.loginAs(app.t.demo.users.marit);
    const res = await announce(marit, { audience: { type: 'levels', schoolId: app.t.demo.schools.solbakken, levels: ['3', '7'] } });
    expect(res.statusCode).toBe(200);
    const recipients = await recipientsOf(res.json().id);
    expect(recipients).toEqual(await guardiansOfGroups([app.t.demo.groups['3A'], app.t.demo.groups['7A']]));
    expect(recipients).toContain(app.t.demo.people.kari);
    expect(recipients).not.toContain(app.t.demo.people.per);
    // A teacher cannot announce to a level, even her own.
    expect((await announce(app.ingrid, { audience: { type: 'levels', schoolId: app.t.demo.schools.solbakken, levels: ['3'] } })).statusCode).toBe(404);
  });

  it('lets the AKS base leader announce to the AKS group, and not to a class', async () => {
    const ole = await app.t.loginAs(app.t.demo.users.ole);
    const res = await announce(ole, { audience: { type: 'groups', groupIds: [app.t.demo.groups.aks] }, title: 'AKS: tur til skogen' });
    expect(res.statusCode).toBe(200);
    expect(await recipientsOf(res.json().id)).toEqual(await guardiansOfGroups([app.t.demo.groups.aks]));
    expect(await recipientsOf(res.json().id)).toContain(app.t.demo.people.kari);
    expect((await announce(ole, { audience: { type: 'groups', groupIds: [app.t.demo.groups['3A']] } })).statusCode).toBe(404);
  });

  it('lets the school office announce to the whole school, and not to another school', async () => {
    const hanne = await app.t.loginAs(app.t.demo.users.hanne);
    const res = await announce(hanne, { audience: { type: 'school', schoolId: app.t.demo.schools.solbakken } });
    expect(res.statusCode).toBe(200);
    const classes = [app.t.demo.groups['1A'], app.t.demo.groups['3A'], app.t.demo.groups['5B'], app.t.demo.groups['7A']];
    expect(await recipientsOf(res.json().id)).toEqual(await guardiansOfGroups(classes));
    expect((await announce(hanne, { audience: { type: 'school', schoolId: app.t.demo.schools.fjellvang } })).statusCode).toBe(404);
  });

  it("reaches only the chosen students' families, and not a student the teacher does not teach", async () => {
    const res = await announce(app.ingrid, { audience: { type: 'students', studentIds: [app.t.demo.people.emma] }, category: 'positive', title: 'Bra uke' });
    expect(res.statusCode).toBe(200);
    expect(await recipientsOf(res.json().id)).toEqual([app.t.demo.people.kari]);
    expect((await announce(app.ingrid, { audience: { type: 'students', studentIds: [app.t.demo.people.emma, app.t.demo.people.lina] } })).statusCode).toBe(404);
  });

  it('also reaches the students themselves when asked', async () => {
    const res = await announce(app.ingrid, { audience: { type: 'groups', groupIds: [app.t.demo.groups['3A']] }, includeStudents: true });
    const students = (await app.t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', app.t.demo.groups['3A']).execute()).map((r) => r.student_id).sort();
    expect(await recipientsOf(res.json().id, 'student')).toEqual(students);
    expect(res.json().recipientCount).toBe(students.length + (await guardiansOfGroups([app.t.demo.groups['3A']])).length);
  });

  it('sends nothing, and says why, when nobody in the audience can receive it', async () => {
    // A classmate of Emma's who has turned 18: the guardians' access has ended (5.1).
    const adult = (await app.t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', app.t.demo.groups['3A'])
      .where('student_id', '!=', app.t.demo.people.emma).executeTakeFirstOrThrow()).student_id;
    await app.t.database.db.updateTable('persons').set({ birth_date: '2006-01-15' }).where('id', '=', adult).execute();
    const count = async () => Number((await app.t.database.db.selectFrom('announcements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const refused = await announce(app.ingrid, { audience: { type: 'students', studentIds: [adult] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_recipients');
    expect(await count()).toBe(before);
    // Written to the student herself, it goes.
    const own = await announce(app.ingrid, { audience: { type: 'students', studentIds: [adult] }, includeStudents: true });
    expect(own.json()).toMatchObject({ recipientCount: 1, scheduled: false });
  });

  it('takes attachments of up to 5 MiB each and refuses a larger one', async () => {
    const pdf = (size: number) => {
      const b = Buffer.alloc(size, 0x20);
      b.write('%PDF-1.4\n');
      return b.toString('base64');
    };
    const at = (size: number) => announce(app.ingrid, { audience: { type: 'groups', groupIds: [app.t.demo.groups['3A']] }, attachments: [{ filename: 'plan.pdf', contentType: 'application/pdf', dataBase64: pdf(size) }] });
    const ok = await at(MAX_ATTACHMENT_BYTES);
    expect(ok.statusCode).toBe(200);
    const stored = await app.t.database.db.selectFrom('announcement_attachments').select('size_bytes').where('announcement_id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(stored.size_bytes).toBe(5 * 1024 * 1024);
    const big = await at(MAX_ATTACHMENT_BYTES + 1);
    expect(big.statusCode).toBe(400);
    expect(big.json().error.issues).toEqual([expect.objectContaining({ path: 'attachments.0', code: 'too_big' })]);
  });
});

describe('what the announcement form offers', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  const optionsFor = async (user: keyof TestApp['demo']['users']) => (await t.get('/api/announcements/audiences', await t.loginAs(t.demo.users[user]))).json();

  it('offers a teacher the groups she teaches, with their students, and not her school', async () => {
    const o = await optionsFor('ingrid');
    expect(o.owners).toEqual([]);
    expect(o.schools).toHaveLength(1);
    expect(o.schools[0]).toMatchObject({ id: t.demo.schools.solbakken, wholeSchool: false, levels: [] });
    expect(o.schools[0].groups.map((g: { name: string }) => g.name)).toEqual(['1A', '3A']);
    const threeA = o.schools[0].groups.find((g: { name: string }) => g.name === '3A');
    expect(threeA.students).toContainEqual({ id: t.demo.people.emma, givenName: 'Emma', familyName: 'Nordmann' });
  });

  it('offers the office and the principal every group, every level and the whole school', async () => {
    for (const who of ['hanne', 'marit'] as const) {
      const o = await optionsFor(who);
      expect(o.schools.map((s: { id: string }) => s.id)).toEqual([t.demo.schools.solbakken]);
      expect(o.schools[0]).toMatchObject({ wholeSchool: true, levels: ['1', '3', '5', '7'] });
      expect(o.schools[0].groups.map((g: { name: string; kind: string }) => `${g.kind}:${g.name}`)).toEqual(['aks:AKS 1–4', 'class:1A', 'class:3A', 'class:5B', 'class:7A']);
    }
  });

  it("offers the owner's administrator every school and the owner, and a guardian nothing", async () => {
    const o = await optionsFor('anders');
    expect(o.owners).toEqual([{ id: t.demo.ownerId, name: 'Eksempel kommune' }]);
    expect(o.schools.map((s: { id: string; wholeSchool: boolean; groups: unknown[] }) => [s.id, s.wholeSchool, s.groups.length]).sort())
      .toEqual([[t.demo.schools.fjellvang, true, 0], [t.demo.schools.solbakken, true, 0]].sort());
    expect(await optionsFor('kari')).toEqual({ schools: [], owners: [] });
  });
});
