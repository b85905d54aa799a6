import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';

const decision = (outcome: 'approved' | 'refused') => ({
  outcome,
  reasons: 'Opplæringen blir samlet sett forsvarlig; eleven får med seg arbeidsplanen.',
  bestInterests: 'Familiesamlingen er viktig for eleven, og fraværet er kort.',
  studentViews: 'Eleven ønsker å være med.',
});

describe('leave (permisjon)', () => {
  let t: TestApp;
  let kari: Session;
  let marit: Session;
  let ingrid: Session;
  let thomas: string;
  let thomasPerson: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-23T09:00:00Z');
    kari = await t.loginAs(t.demo.users.kari);
    marit = await t.loginAs(t.demo.users.marit);
    ingrid = await t.loginAs(t.demo.users.ingrid);
    // Emma's father, with parental responsibility, in another home; he reads Tillit in English.
    const p = await t.database.db.insertInto('persons').values({ given_name: 'Thomas', family_name: 'Nordmann', email: 'thomas@example.no' }).returning('id').executeTakeFirstOrThrow();
    thomasPerson = p.id;
    await t.database.db.insertInto('guardianships').values({ guardian_id: p.id, student_id: t.demo.people.emma, parental_responsibility: true, lives_with: false }).execute();
    thomas = (await t.database.db.insertInto('users').values({ person_id: p.id, username: 'thomas.n', locale: 'en' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => { await t.close(); });

  const apply = (body: Record<string, unknown>, session: Session = kari) => t.send('POST', '/api/leave', { kind: 'ordinary', ...body }, session);
  const decide = (id: string, outcome: 'approved' | 'refused', session: Session) => t.send('POST', `/api/leave/${id}/decision`, decision(outcome), session);

  it('lets a guardian apply for a day of leave that the contact teacher decides, as an enkeltvedtak with the appeal route', async () => {
    const res = await apply({ studentId: t.demo.people.emma, fromDate: '2026-11-30', toDate: '2026-11-30', reason: 'Oldemors 90-årsdag' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', schoolDays: 1, decider: 'kontaktlaerer', checks: { overMax: false, blackouts: [] }, canWithdraw: true, canDecide: false });
    const pending = (await t.get('/api/leave?status=pending', ingrid)).json().applications;
    expect(pending).toEqual([expect.objectContaining({ id: res.json().id, canDecide: true })]);

    const decided = await decide(res.json().id, 'approved', ingrid);
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', deciderRole: 'kontaktlaerer', decidedBy: { givenName: 'Ingrid' }, studentViews: 'Eleven ønsker å være med.',
        appeal: { to: 'statsforvalteren', via: 'Solbakken skole', deadline: '2026-12-14' } },
    });
    expect(decided.json().decision.appeal.text).toContain('statsforvalteren');
    expect((await decide(res.json().id, 'refused', ingrid)).statusCode).toBe(409);
  });

  it('shows the decision to both guardians, each with the appeal information in their own language, and tells both', async () => {
    const [app] = (await t.get('/api/leave?status=approved', kari)).json().applications;
    expect(app.decision.appeal.text).toMatch(/^Du kan klage på vedtaket\. Klagefristen er 14\. desember 2026\./);
    const fromThomas = (await t.get(`/api/leave/${app.id}`, await t.loginAs(thomas))).json();
    expect(fromThomas.decision.appeal.text).toMatch(/^You can appeal this decision\. The deadline is 14 December 2026\./);
    const told = await t.database.db.selectFrom('notification_outbox').select(['person_id', 'channel']).where('topic', '=', 'leave.decision').where('subject_id', '=', app.id).execute();
    const emailed = told.filter((r) => r.channel === 'email').map((r) => r.person_id).sort();
    expect(emailed).toEqual([t.demo.people.kari, thomasPerson].sort());
  });

  it('sends longer leave to the rektor, not the contact teacher', async () => {
    const res = await apply({ studentId: t.demo.people.emma, fromDate: '2026-12-14', toDate: '2026-12-16' });
    expect(res.json()).toMatchObject({ schoolDays: 3, decider: 'rektor' });
    expect((await decide(res.json().id, 'approved', ingrid)).statusCode).toBe(403);
    const byMarit = await decide(res.json().id, 'approved', marit);
    expect(byMarit.json()).toMatchObject({ status: 'approved', decision: { deciderRole: 'rektor' } });
  });

  it("applies the owner's rules: no ordinary leave in a blackout period or beyond the yearly maximum", async () => {
    const anders = await t.loginAs(t.demo.users.anders);
    const rules = { leaveMaxDaysPerYear: 5, contactTeacherMaxLeaveDays: 1, worrying: { percent: 10, percentWeeks: 8, days: 10, daysWeeks: 15 }, subjectLimitPercent: 10,
      blackouts: [{ schoolId: null, startsOn: '2026-12-01', endsOn: '2026-12-04', label: 'Nasjonale prøver' }] };
    expect((await t.send('PUT', `/api/owners/${t.demo.ownerId}/absence-rules`, rules, anders)).statusCode).toBe(200);
    expect((await t.send('PUT', `/api/owners/${t.demo.ownerId}/absence-rules`, rules, marit)).statusCode).toBe(403);

    const inBlackout = (await apply({ studentId: t.demo.people.emma, fromDate: '2026-12-02', toDate: '2026-12-02' })).json();
    expect(inBlackout.checks.blackouts).toEqual([{ label: 'Nasjonale prøver', startsOn: '2026-12-01', endsOn: '2026-12-04' }]);
    expect((await decide(inBlackout.id, 'approved', ingrid)).statusCode).toBe(409);
    expect((await decide(inBlackout.id, 'refused', ingrid)).json().status).toBe('refused');

    // Emma has 4 approved days this school year; 2 more would pass the owner's 5.
    const tooMany = (await apply({ studentId: t.demo.people.emma, fromDate: '2027-01-11', toDate: '2027-01-12' })).json();
    expect(tooMany.checks).toMatchObject({ maxDaysPerYear: 5, daysUsedThisYear: 4, overMax: true });
    expect((await decide(tooMany.id, 'approved', marit)).statusCode).toBe(409);
  });

  it('never lets leave for a religious holiday be refused, and counts it against no limit or blackout', async () => {
    const sara = await t.loginAs(t.demo.users.sara);
    const res = await apply({ studentId: t.demo.people.lina, kind: 'religious_holiday', fromDate: '2026-12-03', toDate: '2026-12-03' }, sara);
    expect(res.json()).toMatchObject({ decider: 'kontaktlaerer', checks: { overMax: false, blackouts: [] } });
    const nils = await t.loginAs(t.demo.users.nils);
    expect((await decide(res.json().id, 'refused', nils)).statusCode).toBe(409);
    expect((await decide(res.json().id, 'approved', nils)).json().status).toBe('approved');
  });

  it("gives each application in the rektor's list its own checks: the year's other approved days, and the blackouts it meets", async () => {
    const list = (await t.get('/api/leave', marit)).json().applications as { id: string; student: { id: string }; fromDate: string; status: string; checks: unknown }[];
    const emmas = Object.fromEntries(list.filter((a) => a.student.id === t.demo.people.emma).map((a) => [`${a.fromDate} ${a.status}`, a.checks]));
    const nasjonale = [{ label: 'Nasjonale prøver', startsOn: '2026-12-01', endsOn: '2026-12-04' }];
    // Approved: 30 November (1 day) and 14–16 December (3 days); each counts the other, not itself.
    expect(emmas).toEqual({
      '2026-11-30 approved': { maxDaysPerYear: 5, daysUsedThisYear: 3, overMax: false, blackouts: [] },
      '2026-12-02 refused': { maxDaysPerYear: 5, daysUsedThisYear: 4, overMax: false, blackouts: nasjonale },
      '2026-12-14 approved': { maxDaysPerYear: 5, daysUsedThisYear: 1, overMax: false, blackouts: [] },
      '2027-01-11 pending': { maxDaysPerYear: 5, daysUsedThisYear: 4, overMax: true, blackouts: [] },
    });
    // Leave for a religious holiday in the blackout counts against nothing.
    expect(list.find((a) => a.student.id === t.demo.people.lina)?.checks).toEqual({ maxDaysPerYear: 5, daysUsedThisYear: 0, overMax: false, blackouts: [] });
    // Each as its own page shows it.
    for (const a of list) expect((await t.get(`/api/leave/${a.id}`, marit)).json().checks).toEqual(a.checks);
  });

  it('marks the days of approved leave as documented absence in the register and the overview', async () => {
    t.clock.set('2026-11-30T07:30:00Z');
    const register = (await t.get(`/api/groups/${t.demo.groups['3A']}/attendance?date=2026-11-30`, ingrid)).json();
    const emma = register.students.find((s: { student: { id: string } }) => s.student.id === t.demo.people.emma);
    expect(emma).toMatchObject({ status: 'absent', leave: { kind: 'ordinary' }, report: null });
    await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: '2026-11-30', absentStudentIds: [t.demo.people.emma] }, ingrid);
    const overview = (await t.get(`/api/students/${t.demo.people.emma}/absence`, kari)).json();
    expect(overview.summary).toMatchObject({ absentDays: 1, leaveDays: 1, unreportedDays: 0 });
    expect(overview.registered).toEqual([{ date: '2026-11-30', period: 0, subject: null, explainedBy: 'leave' }]);
    expect(overview.leave.map((l: { status: string }) => l.status)).toContain('approved');
  });

  it('refuses a parent without parental responsibility and other families, to apply or to read', async () => {
    const per = await t.loginAs(t.demo.users.per);
    expect((await apply({ studentId: t.demo.people.jonas, fromDate: '2026-12-10', toDate: '2026-12-10' }, per)).statusCode).toBe(404);
    const jonas = (await apply({ studentId: t.demo.people.jonas, fromDate: '2026-12-10', toDate: '2026-12-10' })).json();
    expect((await t.get(`/api/leave/${jonas.id}`, per)).statusCode).toBe(404);
    expect((await t.get(`/api/leave/${jonas.id}`, await t.loginAs(t.demo.users.sara))).statusCode).toBe(404);
    expect((await t.get('/api/leave', per)).json().applications).toEqual([]);
  });

  it("keeps an application's own words from staff who do not decide it, as the list does: the AKS base leader, a subject teacher", async () => {
    const emma = (await apply({ studentId: t.demo.people.emma, fromDate: '2026-12-14', toDate: '2026-12-14', reason: 'Besteforeldrenes gullbryllup' })).json();
    // Ole leads Emma's AKS group; he sees her leave as leave in his register, not the application.
    const ole = await t.loginAs(t.demo.users.ole);
    const read = await t.get(`/api/leave/${emma.id}`, ole);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('gullbryllup');
    expect((await t.get('/api/leave', ole)).json().applications).toEqual([]);
    // Those who may decide it read it: her contact teacher and the rektor.
    expect((await t.get(`/api/leave/${emma.id}`, ingrid)).statusCode).toBe(200);
    expect((await t.get(`/api/leave/${emma.id}`, marit)).statusCode).toBe(200);
  });

  it('lets a guardian withdraw an application until it is decided, and refuses dates that are past or hold no school day', async () => {
    const app = (await apply({ studentId: t.demo.people.jonas, fromDate: '2026-12-17', toDate: '2026-12-17' })).json();
    expect((await t.send('POST', `/api/leave/${app.id}/withdraw`, undefined, kari)).json().status).toBe('withdrawn');
    expect((await t.send('POST', `/api/leave/${app.id}/withdraw`, undefined, kari)).statusCode).toBe(409);
    expect((await apply({ studentId: t.demo.people.jonas, fromDate: '2026-11-27', toDate: '2026-11-27' })).statusCode).toBe(400);
    expect((await apply({ studentId: t.demo.people.jonas, fromDate: '2026-12-05', toDate: '2026-12-06' })).statusCode).toBe(400);
    const history = await t.database.db.selectFrom('absence_history').select('action').where('record_id', '=', app.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['applied', 'withdrawn']);
  });
});
