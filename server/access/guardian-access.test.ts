// The access rule lives in two forms: access/actor.repo.ts for the person asking, and the SQL functions
// guardianship_access() and guardian_access() for set-based work (fan-out, routing). This keeps them saying the
// same thing, and the fan-out (which also reaches parents without parental responsibility when asked) with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/harness';
import { findActorByUserId } from './actor.repo';
import { isAdultOn, osloDate } from '@shared/dates';
import { fanOut, insertAnnouncement } from '../messaging/announcements.repo';

describe('the two forms of the guardian access rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Make every rule bite somewhere: Jonas turns 18 in the period, the owner requires confirmed families
    // and Lina's family is not confirmed yet.
    await t.database.db.updateTable('persons').set({ birth_date: '2008-12-24' }).where('id', '=', t.demo.people.jonas).execute();
    await t.database.db.updateTable('school_owners').set({ residence_parent_only_until_confirmed: true }).execute();
    await t.database.db.updateTable('guardianships').set({ situation_confirmed: false }).where('student_id', '=', t.demo.people.lina).execute();
  });
  afterAll(async () => { await t.close(); });

  /** Every guardian who has a login, as the Actor they are at that instant. */
  const guardiansAt = async (at: Date) => {
    const users = await t.database.db.selectFrom('users').innerJoin('guardianships', 'guardianships.guardian_id', 'users.person_id').select('users.id').distinct().execute();
    return Promise.all(users.map(async (u) => (await findActorByUserId(t.database.db, u.id, at))!));
  };

  for (const instant of ['2026-11-22T10:00:00Z', '2026-12-23T22:59:00Z', '2026-12-23T23:00:00Z', '2027-06-01T10:00:00Z']) {
    it(`agree for every guardian at ${instant}`, async () => {
      const at = new Date(instant);
      const fromActor = new Set<string>();
      for (const actor of await guardiansAt(at)) {
        for (const g of actor.guardianOf.filter((x) => x.hasAccess)) fromActor.add(`${actor.personId}:${g.studentId}`);
      }
      const rows = await sql<{ guardian_id: string; student_id: string }>`
        SELECT ga.guardian_id, ga.student_id FROM guardian_access(${osloDate(at)}::date) ga JOIN users u ON u.person_id = ga.guardian_id`.execute(t.database.db);
      expect(new Set(rows.rows.map((r) => `${r.guardian_id}:${r.student_id}`))).toEqual(fromActor);
    });
  }

  for (const instant of ['2026-11-22T10:00:00Z', '2027-06-01T10:00:00Z']) {
    for (const parentalResponsibilityOnly of [true, false]) {
      it(`fan out to the guardians the Actor's rule names at ${instant}${parentalResponsibilityOnly ? '' : ', parents without parental responsibility too'}`, async () => {
        const at = new Date(instant);
        const onDate = osloDate(at);
        const births = new Map((await t.database.db.selectFrom('persons').select(['id', 'birth_date']).execute()).map((p) => [p.id, p.birth_date]));
        const underAge = (studentId: string) => !isAdultOn(births.get(studentId) ?? null, at);
        const expected = new Set((await guardiansAt(at))
          .filter((actor) => actor.guardianOf.some((g) => g.hasAccess || (!parentalResponsibilityOnly && !g.parentalResponsibility && underAge(g.studentId))))
          .map((actor) => actor.personId));
        const audience = { type: 'owner' as const, ownerId: t.demo.ownerId };
        const reached = await t.database.db.transaction().execute(async (tx) => {
          const id = await insertAnnouncement(tx, { ownerId: t.demo.ownerId, schoolId: null, authorId: t.demo.people.anders, title: 'Stengt', body: 'Stengt i morgen.', category: 'urgent', audience, parentalResponsibilityOnly, includeStudents: false, requiresAck: false, sendAt: at, at });
          await fanOut(tx, { id, audience, parentalResponsibilityOnly, includeStudents: false, onDate, sentAt: at });
          return tx.selectFrom('announcement_recipients as r').innerJoin('users as u', 'u.person_id', 'r.person_id').select('r.person_id').where('r.announcement_id', '=', id).execute();
        });
        expect(expected.size).toBeGreaterThan(0);
        expect(new Set(reached.map((r) => r.person_id))).toEqual(expected);
      });
    }
  }
});
