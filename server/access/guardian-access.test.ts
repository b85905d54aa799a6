// The access rule lives in two forms: access/actor.repo.ts for the person asking, and the SQL function
// guardian_access() for set-based work (fan-out, routing). This keeps them saying the same thing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/harness';
import { findActorByUserId } from './actor.repo';
import { osloDate } from '@shared/dates';

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

  for (const instant of ['2026-11-22T10:00:00Z', '2026-12-23T22:59:00Z', '2026-12-23T23:00:00Z', '2027-06-01T10:00:00Z']) {
    it(`agree for every guardian at ${instant}`, async () => {
      const at = new Date(instant);
      const users = await t.database.db.selectFrom('users').innerJoin('guardianships', 'guardianships.guardian_id', 'users.person_id').select('users.id').distinct().execute();
      const fromActor = new Set<string>();
      for (const u of users) {
        const actor = (await findActorByUserId(t.database.db, u.id, at))!;
        for (const g of actor.guardianOf.filter((x) => x.hasAccess)) fromActor.add(`${actor.personId}:${g.studentId}`);
      }
      const rows = await sql<{ guardian_id: string; student_id: string }>`
        SELECT ga.guardian_id, ga.student_id FROM guardian_access(${osloDate(at)}::date) ga JOIN users u ON u.person_id = ga.guardian_id`.execute(t.database.db);
      expect(new Set(rows.rows.map((r) => `${r.guardian_id}:${r.student_id}`))).toEqual(fromActor);
    });
  }
});
