// The actor cache must never change who may see what: every change this process makes to a relation is seen
// by the very next request, and a session ends at logout or expiry as it did without the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { createTestApp, type TestApp, type Session } from '../test/harness';

describe('the actor cache', () => {
  let t: TestApp;
  let kari: Session;
  const emmaAccess = async () =>
    (await t.get('/api/me/children', kari)).json().children.find((c: { student: { id: string } }) => c.student.id === t.demo.people.emma).access;
  const setResponsibility = (value: boolean, db: Kysely<DB> = t.database.db) => db.updateTable('guardianships').set({ parental_responsibility: value })
    .where('guardian_id', '=', t.demo.people.kari).where('student_id', '=', t.demo.people.emma).execute();

  beforeAll(async () => {
    t = await createTestApp();
    kari = await t.loginAs(t.demo.users.kari);
  });
  afterAll(async () => { await t.close(); });

  it("serves the very next request a relation this process changed, within the cache's seconds", async () => {
    expect(await emmaAccess()).toBe('full');
    await setResponsibility(false);
    expect(await emmaAccess()).toBe('no_parental_responsibility');
    await setResponsibility(true);
    expect(await emmaAccess()).toBe('full');
  });

  // On PGlite a transaction holds the whole database, so no request can read between the change and the commit.
  it.runIf(process.env.TILLIT_TEST_DB === 'postgres')('keeps nothing read while a change was not yet committed, and serves the change after', async () => {
    await t.database.db.transaction().execute(async (tx) => {
      await setResponsibility(false, tx);
      // Another connection still reads the committed rows.
      expect(await emmaAccess()).toBe('full');
    });
    expect(await emmaAccess()).toBe('no_parental_responsibility');
    await setResponsibility(true);
  });

  it('refuses a session at once after logout, though its actor was read a moment before', async () => {
    const per = await t.loginAs(t.demo.users.per);
    expect((await t.get('/api/me', per)).statusCode).toBe(200);
    expect((await t.send('POST', '/api/auth/logout', {}, per)).statusCode).toBe(200);
    expect((await t.get('/api/me', per)).statusCode).toBe(401);
  });
});
