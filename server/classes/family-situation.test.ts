// Domain 1.4: the owner's administrator turns on "registered-residence parent only until the family situation is
// confirmed"; a parent who does not live with the student then has no access until a leader of the school
// confirms the family. Everything through the HTTP stack, as the people themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { findAuditEntries } from '../audit/audit.repo';

interface Guardian { id: string; address: string | null; phone: string | null; situationUnconfirmed: boolean }
interface Roster { canConfirmSituation: boolean; students: { id: string; guardians: Guardian[] }[] }

describe("the owner's residence rule and the school's confirmation of a family", () => {
  let t: TestApp;
  let anders: Session, marit: Session, nils: Session, tor: Session, ali: Session, sara: Session, otherAdmin: Session;
  const settingsUrl = () => `/api/owners/${t.demo.ownerId}/settings`;
  const confirmUrl = () => `/api/students/${t.demo.people.lina}/guardians/${t.demo.people.ali}/confirm-situation`;
  const linaAccess = async (s: Session) =>
    ((await t.get('/api/me/children', s)).json().children as { student: { id: string }; access: string }[]).find((c) => c.student.id === t.demo.people.lina)!.access;
  const reportForLina = (fromDate: string) => t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.lina], fromDate, reason: 'ill' }, ali);
  const aliOnRoster = async (s: Session) => {
    const res = await t.get(`/api/groups/${t.demo.groups['5B']}/roster`, s);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Roster;
    const lina = body.students.find((x) => x.id === t.demo.people.lina)!;
    return { body, res, ali: lina.guardians.find((g) => g.id === t.demo.people.ali)!, sara: lina.guardians.find((g) => g.id === t.demo.people.sara)! };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const u = t.demo.users;
    [anders, marit, nils, tor, ali, sara] = await Promise.all([t.loginAs(u.anders), t.loginAs(u.marit), t.loginAs(u.nils), t.loginAs(u.tor), t.loginAs(u.ali), t.loginAs(u.sara)]);
    // The administrator of another school owner.
    const owner = await db.insertInto('school_owners').values({ name: 'Annen kommune', kind: 'kommune' }).returning('id').executeTakeFirstOrThrow();
    const person = await db.insertInto('persons').values({ given_name: 'Olga', family_name: 'Annensen' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('owner_admins').values({ person_id: person.id, owner_id: owner.id }).execute();
    const user = await db.insertInto('users').values({ person_id: person.id, username: 'olga.annensen' }).returning('id').executeTakeFirstOrThrow();
    otherAdmin = await t.loginAs(user.id);
    // Ali (Lina's father, lives elsewhere) came in as the seed writes him, without a word on his family situation:
    // a guardianship starts unconfirmed (0019), so the rule holds him back until the school confirms.
    const row = await db.selectFrom('guardianships').select('situation_confirmed')
      .where('guardian_id', '=', t.demo.people.ali).where('student_id', '=', t.demo.people.lina).executeTakeFirstOrThrow();
    expect(row.situation_confirmed).toBe(false);
  });
  afterAll(async () => { await t.close(); });

  it("lets only the owner's administrator read and set the rule", async () => {
    expect((await t.get(settingsUrl(), anders)).json()).toEqual({ residenceParentOnlyUntilConfirmed: false });
    // Before the rule, an unconfirmed father who lives elsewhere has access as any parent with parental responsibility.
    expect(await linaAccess(ali)).toBe('full');

    for (const who of [marit, nils, ali, otherAdmin]) {
      expect((await t.get(settingsUrl(), who)).statusCode).toBe(404);
      expect((await t.send('PUT', settingsUrl(), { residenceParentOnlyUntilConfirmed: true }, who)).statusCode).toBe(404);
    }
    expect(await linaAccess(ali)).toBe('full');
    expect((await t.send('PUT', settingsUrl(), { residenceParentOnlyUntilConfirmed: 'yes' }, anders)).statusCode).toBe(400);

    const put = await t.send('PUT', settingsUrl(), { residenceParentOnlyUntilConfirmed: true }, anders);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ residenceParentOnlyUntilConfirmed: true });
    expect((await t.get(settingsUrl(), anders)).json()).toEqual({ residenceParentOnlyUntilConfirmed: true });
    const audit = await findAuditEntries(t.database.db, { subjectId: t.demo.ownerId, action: 'owner_settings.changed' });
    expect(audit.map((a) => a.actor_user_id)).toEqual([t.demo.users.anders]);
  });

  it('then keeps the father who does not live with the child out, and not the mother he lives with', async () => {
    expect(await linaAccess(ali)).toBe('residence_not_confirmed');
    expect(await linaAccess(sara)).toBe('full');
    const refused = await reportForLina('2026-11-23');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
  });

  it('shows staff on the roster that the family is not confirmed, and only a leader that she may confirm it', async () => {
    const asTeacher = await aliOnRoster(nils);
    expect(asTeacher.body.canConfirmSituation).toBe(false);
    expect(asTeacher.ali.situationUnconfirmed).toBe(true);
    expect(asTeacher.sara.situationUnconfirmed).toBe(false);
    // The address protection of the roster stays as it was.
    expect(asTeacher.sara).toMatchObject({ address: null, phone: null });
    expect(asTeacher.res.body).not.toContain('Hemmelig vei');
    const asLeader = await aliOnRoster(marit);
    expect(asLeader.body.canConfirmSituation).toBe(true);
    expect(asLeader.ali.situationUnconfirmed).toBe(true);
  });

  it('refuses the confirmation to a teacher (403), and to staff elsewhere, the owner and the guardians (404)', async () => {
    const teacher = await t.send('POST', confirmUrl(), undefined, nils);
    expect(teacher.statusCode).toBe(403);
    expect(teacher.json().error.code).toBe('forbidden');
    for (const who of [tor, anders, otherAdmin, ali, sara]) expect((await t.send('POST', confirmUrl(), undefined, who)).statusCode).toBe(404);
    // A guardian who is not the student's: nothing to confirm.
    expect((await t.send('POST', `/api/students/${t.demo.people.emma}/guardians/${t.demo.people.ali}/confirm-situation`, undefined, marit)).statusCode).toBe(404);
    expect(await linaAccess(ali)).toBe('residence_not_confirmed');
  });

  it("gives the father access again once the principal confirms, and records who confirmed", async () => {
    const res = await t.send('POST', confirmUrl(), undefined, marit);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ studentId: t.demo.people.lina, guardianId: t.demo.people.ali, situationConfirmed: true });
    expect(await linaAccess(ali)).toBe('full');
    expect((await reportForLina('2026-11-24')).statusCode).toBe(200);
    expect((await aliOnRoster(nils)).ali.situationUnconfirmed).toBe(false);
    const audit = await findAuditEntries(t.database.db, { subjectId: t.demo.people.ali, action: 'family_situation.confirmed' });
    expect(audit.map((a) => [a.actor_user_id, a.details])).toEqual([[t.demo.users.marit, { studentId: t.demo.people.lina }]]);
    // Confirming again changes nothing and says the same.
    expect((await t.send('POST', confirmUrl(), undefined, marit)).statusCode).toBe(200);
    expect(await findAuditEntries(t.database.db, { subjectId: t.demo.people.ali, action: 'family_situation.confirmed' })).toHaveLength(1);
  });

  it('lets an unconfirmed father in again when the administrator turns the rule off', async () => {
    await t.database.db.updateTable('guardianships').set({ situation_confirmed: false })
      .where('guardian_id', '=', t.demo.people.ali).where('student_id', '=', t.demo.people.lina).execute();
    expect(await linaAccess(ali)).toBe('residence_not_confirmed');
    expect((await t.send('PUT', settingsUrl(), { residenceParentOnlyUntilConfirmed: false }, anders)).statusCode).toBe(200);
    expect(await linaAccess(ali)).toBe('full');
    expect((await aliOnRoster(marit)).ali.situationUnconfirmed).toBe(false);
  });
});
