import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Session, type TestApp } from '../test/harness';

describe('guardians reporting absence', () => {
  let t: TestApp;
  let kari: Session;
  let thomas: string;
  beforeAll(async () => {
    t = await createTestApp();
    kari = await t.loginAs(t.demo.users.kari);
    // Emma's father, with parental responsibility, in another home.
    const p = await t.database.db.insertInto('persons').values({ given_name: 'Thomas', family_name: 'Nordmann' }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('guardianships').values({ guardian_id: p.id, student_id: t.demo.people.emma, parental_responsibility: true, lives_with: false }).execute();
    thomas = (await t.database.db.insertInto('users').values({ person_id: p.id, username: 'thomas.n' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => { await t.close(); });

  const report = (body: unknown, session: Session = kari) => t.send('POST', '/api/absence/reports', body, session);
  const day = async (group: string, date: string, userId: string) => (await t.get(`/api/groups/${group}/attendance?date=${date}`, await t.loginAs(userId))).json();

  it('lets a guardian report illness for two children at once, reaching each contact teacher and the AKS base leader', async () => {
    t.clock.set('2026-11-22T18:00:00Z');
    const res = await report({ studentIds: [t.demo.people.emma, t.demo.people.jonas], fromDate: '2026-11-23', reason: 'ill' });
    expect(res.statusCode).toBe(200);
    const reports = res.json().reports as { student: { givenName: string }; reachesAks: boolean; reportedBy: { givenName: string } }[];
    expect(reports.map((r) => [r.student.givenName, r.reachesAks]).sort()).toEqual([['Emma', true], ['Jonas', false]]);

    const emmaIn3A = (await day(t.demo.groups['3A'], '2026-11-23', t.demo.users.ingrid)).students.find((s: { student: { id: string } }) => s.student.id === t.demo.people.emma);
    expect(emmaIn3A).toMatchObject({ status: 'absent', saved: false, report: { reason: 'ill', reportedBy: { givenName: 'Kari' } } });
    const jonasIn7A = (await day(t.demo.groups['7A'], '2026-11-23', t.demo.users.jonasTeacher)).students.find((s: { student: { id: string } }) => s.student.id === t.demo.people.jonas);
    expect(jonasIn7A.report.reportedBy.givenName).toBe('Kari');
    const emmaInAks = (await day(t.demo.groups.aks, '2026-11-23', t.demo.users.ole)).students.find((s: { student: { id: string } }) => s.student.id === t.demo.people.emma);
    expect(emmaInAks.status).toBe('absent');
  });

  it('refuses a free-text reason or note: the reason is a category or nothing', async () => {
    const withNote = await report({ studentIds: [t.demo.people.emma], fromDate: '2026-11-24', reason: 'ill', note: 'Feber og oppkast' });
    expect(withNote.statusCode).toBe(400);
    const freeReason = await report({ studentIds: [t.demo.people.emma], fromDate: '2026-11-24', reason: 'migrene' });
    expect(freeReason.statusCode).toBe(400);
    const noReason = await report({ studentIds: [t.demo.people.emma], fromDate: '2026-11-24' });
    expect(noReason.statusCode).toBe(200);
    expect(noReason.json().reports[0].reason).toBeNull();
  });

  it("does not let a guardian report for another family's child, nor a parent without parental responsibility", async () => {
    expect((await report({ studentIds: [t.demo.people.emma], fromDate: '2026-11-24' }, await t.loginAs(t.demo.users.sara))).statusCode).toBe(404);
    // One child of another family refuses the whole report.
    expect((await report({ studentIds: [t.demo.people.emma, t.demo.people.lina], fromDate: '2026-11-24' })).statusCode).toBe(404);
    const per = await t.loginAs(t.demo.users.per);
    expect((await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-24' }, per)).statusCode).toBe(404);
    const read = await t.get(`/api/students/${t.demo.people.jonas}/absence`, per);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('Jonas');
  });

  it('reports part of a day: leaving at a time, or coming at one, and never over several days', async () => {
    const leaves = await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-25', fromTime: '12:00' });
    expect(leaves.json().reports[0]).toMatchObject({ fromDate: '2026-11-25', toDate: '2026-11-25', fromTime: '12:00', untilTime: null });
    const comes = await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-26', untilTime: '10:15' });
    expect(comes.statusCode).toBe(200);
    expect((await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-26', toDate: '2026-11-27', untilTime: '10:15' })).statusCode).toBe(400);
    expect((await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-26', fromTime: '13:00', untilTime: '12:00' })).statusCode).toBe(400);
    // Dates the wrong way round name the field and the problem, so the form can say which in the reader's language.
    const backwards = await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-27', toDate: '2026-11-26' });
    expect(backwards.json().error.issues).toEqual([expect.objectContaining({ path: 'body.toDate', code: 'before_from' })]);
  });

  it('refuses a date the calendar does not have with a 400 that names the field, in reports, registers and reads', async () => {
    const bad = await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-11-27', toDate: '2026-11-31' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues).toEqual([expect.objectContaining({ path: 'body.toDate', code: 'not_a_date' })]);
    expect((await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-12-32' })).statusCode).toBe(400);
    const read = await t.get(`/api/students/${t.demo.people.jonas}/absence?from=2026-02-30`, kari);
    expect(read.statusCode).toBe(400);
    expect(read.json().error.issues).toEqual([expect.objectContaining({ path: 'querystring.from', code: 'not_a_date' })]);
    expect((await t.get(`/api/groups/${t.demo.groups['3A']}/attendance?date=2026-11-31`, await t.loginAs(t.demo.users.ingrid))).statusCode).toBe(400);
    // A weekend alone holds no school day: most likely a wrong date, said at once.
    const weekend = await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-12-05', toDate: '2026-12-06' });
    expect(weekend.json().error.issues).toEqual([expect.objectContaining({ path: 'body.toDate', code: 'no_school_days' })]);
    expect((await report({ studentIds: [t.demo.people.jonas], fromDate: '2026-12-05', toDate: '2026-12-07' })).statusCode).toBe(200);
    // 29 February exists in a leap year only.
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence?from=2024-02-29&to=2024-03-01`, kari)).statusCode).toBe(200);
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence?from=2025-02-29&to=2025-03-01`, kari)).statusCode).toBe(400);
  });

  it('shows a report to both guardians with the name of the one who made it, and lets either change it', async () => {
    const res = await t.get(`/api/students/${t.demo.people.emma}/absence?from=2026-11-23&to=2026-11-30`, await t.loginAs(thomas));
    expect(res.statusCode).toBe(200);
    const first = res.json().reports.find((r: { fromDate: string }) => r.fromDate === '2026-11-23');
    expect(first.reportedBy.givenName).toBe('Kari');
    const later = res.json().reports.find((r: { fromDate: string }) => r.fromDate === '2026-11-24');
    expect(later.canChange).toBe(true);
    const staffView = (await t.get(`/api/students/${t.demo.people.emma}/absence?from=2026-11-23&to=2026-11-30`, await t.loginAs(t.demo.users.ingrid))).json();
    expect(staffView.reports[0].reportedBy).toMatchObject({ givenName: 'Kari', familyName: 'Nordmann' });
    expect(staffView.reports[0].canChange).toBe(false);
  });

  it('lets a guardian correct or withdraw a report until its day starts in Oslo, not after', async () => {
    t.clock.set('2026-11-24T12:00:00Z');
    const id = (await report({ studentIds: [t.demo.people.emma], fromDate: '2026-11-26', reason: 'other' })).json().reports[0].id;
    // 23:59 in Oslo on the 25th (22:59 UTC): still the day before.
    t.clock.set('2026-11-25T22:59:00Z');
    const corrected = await t.send('PUT', `/api/absence/reports/${id}`, { fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'ill' }, kari);
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ toDate: '2026-11-27', reason: 'ill', changeableUntil: '2026-11-25T23:00:00.000Z' });
    // Midnight in Oslo, although it is still the 25th in UTC.
    t.clock.set('2026-11-25T23:00:00Z');
    expect((await t.send('POST', `/api/absence/reports/${id}/withdraw`, undefined, kari)).statusCode).toBe(409);
    expect((await t.send('PUT', `/api/absence/reports/${id}`, { fromDate: '2026-11-27' }, kari)).statusCode).toBe(409);
  });

  it('knows when an Oslo day starts on both sides of the change from summer time', async () => {
    t.clock.set('2026-10-20T12:00:00Z');
    const [friday, monday] = await Promise.all(['2026-10-23', '2026-10-26'].map(async (d) => (await report({ studentIds: [t.demo.people.jonas], fromDate: d })).json().reports[0]));
    expect(friday.changeableUntil).toBe('2026-10-22T22:00:00.000Z'); // summer time: UTC+2
    expect(monday.changeableUntil).toBe('2026-10-25T23:00:00.000Z'); // winter time: UTC+1
    t.clock.set('2026-10-25T22:30:00Z'); // 23:30 on Sunday in Oslo
    expect((await t.send('POST', `/api/absence/reports/${monday.id}/withdraw`, undefined, kari)).json().status).toBe('withdrawn');
  });

  it('dates a report made just after midnight to the new Oslo day, and lets the teacher register that day', async () => {
    t.clock.set('2026-12-01T23:30:00Z'); // 00:30 on Wednesday 2 December in Oslo; still Tuesday in UTC
    const made = await report({ studentIds: [t.demo.people.emma], fromDate: '2026-12-02', reason: 'ill' });
    expect(made.statusCode).toBe(200);
    expect(made.json().reports[0].canChange).toBe(false);
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const saved = await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: '2026-12-02', absentStudentIds: [t.demo.people.emma] }, ingrid);
    expect(saved.statusCode).toBe(200);
    expect((await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: '2026-12-03', absentStudentIds: [] }, ingrid)).statusCode).toBe(400);
  });

  it('keeps who changed what and when in an append-only history', async () => {
    t.clock.set('2026-11-26T08:00:00Z');
    const id = (await report({ studentIds: [t.demo.people.emma], fromDate: '2026-12-07', reason: 'other' })).json().reports[0].id;
    await t.send('PUT', `/api/absence/reports/${id}`, { fromDate: '2026-12-08', reason: 'ill' }, await t.loginAs(thomas));
    await t.send('POST', `/api/absence/reports/${id}/withdraw`, undefined, kari);
    const rows = await t.database.db.selectFrom('absence_history').select(['action', 'actor_id', 'before', 'after', 'at']).where('record_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['reported', 'corrected', 'withdrawn']);
    expect(rows[1]).toMatchObject({ before: { fromDate: '2026-12-07', reason: 'other' }, after: { fromDate: '2026-12-08', reason: 'ill' } });
    expect(rows[0]!.actor_id).toBe(t.demo.people.kari);
    expect(rows[1]!.actor_id).not.toBe(t.demo.people.kari);
    await expect(sql`UPDATE absence_history SET action = 'nothing' WHERE record_id = ${id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM absence_history WHERE record_id = ${id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
