import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';

interface Row { student: { id: string }; summary: Record<string, number>; window: { percent: number; days: number }; worrying: boolean; worryingBecause: string[] }

describe('absence overviews', () => {
  let t: TestApp;
  let kari: Session;
  let ingrid: Session;
  let henrik: Session;
  let often: string;
  beforeAll(async () => {
    t = await createTestApp();
    kari = await t.loginAs(t.demo.users.kari);
    ingrid = await t.loginAs(t.demo.users.ingrid);
    henrik = await t.loginAs(t.demo.users.jonasTeacher);
    often = (await t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', t.demo.groups['3A']).where('student_id', '<>', t.demo.people.emma).executeTakeFirstOrThrow()).student_id;

    // Emma: ill on Monday (reported), away on Tuesday (not reported), comes late on Wednesday (reported part of the day).
    t.clock.set('2026-11-22T18:00:00Z');
    await t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.emma], fromDate: '2026-11-23', reason: 'ill' }, kari);
    await t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.emma], fromDate: '2026-11-25', untilTime: '10:30' }, kari);
    t.clock.set('2026-12-04T15:00:00Z');
    const register = async (date: string, absent: string[]) => {
      const res = await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date, absentStudentIds: absent }, ingrid);
      expect(res.statusCode).toBe(200);
    };
    await register('2026-11-23', [t.demo.people.emma, often]);
    await register('2026-11-24', [t.demo.people.emma, often]);
    await register('2026-11-25', [often]);
    await register('2026-11-26', [often]);
    await register('2026-11-27', []);
  });
  afterAll(async () => { await t.close(); });

  it("shows a guardian each child's absence this term: days reported, unreported and hours", async () => {
    const res = await t.get(`/api/students/${t.demo.people.emma}/absence`, kari);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-08-15', to: '2026-12-04' });
    expect(res.json().summary).toEqual({ schoolDays: 80, absentDays: 2, reportedDays: 1, unreportedDays: 1, leaveDays: 0, reportedHours: 2, absentLessons: 0 });
    expect(res.json().registered).toEqual([
      { date: '2026-11-23', period: 0, subject: null, explainedBy: 'report' },
      { date: '2026-11-24', period: 0, subject: null, explainedBy: null },
    ]);
  });

  it("flags worrying absence for the contact teacher by the owner's thresholds, and not for a child who was ill once", async () => {
    const res = await t.get(`/api/groups/${t.demo.groups['3A']}/absence/overview`, ingrid);
    expect(res.statusCode).toBe(200);
    const rows = res.json().students as Row[];
    // Four days of the last eight weeks' forty school days: 10 %, the default threshold.
    expect(rows.find((r) => r.student.id === often)).toMatchObject({ window: { percent: 10, days: 4 }, worrying: true, worryingBecause: ['percent'] });
    expect(rows.find((r) => r.student.id === t.demo.people.emma)).toMatchObject({ window: { percent: 5, days: 2 }, worrying: false });

    const anders = await t.loginAs(t.demo.users.anders);
    const rules = { leaveMaxDaysPerYear: 10, contactTeacherMaxLeaveDays: 1, worrying: { percent: 25, percentWeeks: 2, days: 2, daysWeeks: 3 }, subjectLimitPercent: 10, blackouts: [] };
    await t.send('PUT', `/api/owners/${t.demo.ownerId}/absence-rules`, rules, anders);
    const stricter = (await t.get(`/api/groups/${t.demo.groups['3A']}/absence/overview`, ingrid)).json().students as Row[];
    expect(stricter.find((r) => r.student.id === t.demo.people.emma)).toMatchObject({ worrying: true, worryingBecause: ['days'] });
    expect(stricter.find((r) => r.student.id === often)!.worryingBecause).toEqual(['percent', 'days']);
  });

  it("gives the rektor the school's students with worrying absence only, when asked", async () => {
    const res = await t.get(`/api/schools/${t.demo.schools.solbakken}/absence/overview?worryingOnly=true`, await t.loginAs(t.demo.users.marit));
    expect(res.statusCode).toBe(200);
    expect((res.json().students as Row[]).map((r) => r.student.id).sort()).toEqual([t.demo.people.emma, often].sort());
  });

  it('counts no subject against a limit in grunnskole: the 10 % rule is for videregående only', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    // Emma is in 3A; a lesson of hers with a subject is registered, and she is absent from it.
    const saved = await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: '2026-11-19', period: 1, subject: 'Matematikk', absentStudentIds: [t.demo.people.emma] }, ingrid);
    expect(saved.statusCode).toBe(200);
    const res = await t.get(`/api/students/${t.demo.people.emma}/absence/subjects`, kari);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applies: false, subjects: [] });
    // The lesson is still absence, shown in her figures and among the registered absences.
    const own = (await t.get(`/api/students/${t.demo.people.emma}/absence`, kari)).json();
    expect(own.summary.absentLessons).toBe(1);
    expect(own.registered).toContainEqual({ date: '2026-11-19', period: 1, subject: 'Matematikk', explainedBy: null });
    await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: '2026-11-19', period: 1, subject: 'Matematikk', absentStudentIds: [] }, ingrid);
  });

  it('shows absence per subject against the limit, documented apart from undocumented (videregående)', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    // Jonas's class becomes a Vg1 class of a combined school: there the limit applies (a grunnskole class, no).
    await t.database.db.updateTable('schools').set({ kind: 'combined' }).where('id', '=', t.demo.schools.solbakken).execute();
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence/subjects`, kari)).json().applies).toBe(false);
    await t.database.db.updateTable('groups').set({ level: 'Vg1' }).where('id', '=', t.demo.groups['7A']).execute();
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence/subjects`, kari)).json().applies).toBe(true);
    await t.database.db.insertInto('leave_applications').values({
      student_id: t.demo.people.jonas, school_id: t.demo.schools.solbakken, applied_by: t.demo.people.kari, kind: 'ordinary', from_date: '2026-11-16', to_date: '2026-11-16',
      school_days: 1, status: 'approved', created_at: t.clock.now(), updated_at: t.clock.now(),
    }).execute();
    const lesson = (date: string, period: number, subject: string, absent: boolean) =>
      t.send('PUT', `/api/groups/${t.demo.groups['7A']}/attendance`, { date, period, subject, absentStudentIds: absent ? [t.demo.people.jonas] : [] }, henrik);
    const days = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    for (const [i, date] of days.entries()) {
      await lesson(date, 1, 'Matematikk', date === '2026-11-16' || date === '2026-11-20');
      if (i % 2 === 0) await lesson(date, 2, 'Norsk', i === 4);
    }
    const res = await t.get(`/api/students/${t.demo.people.jonas}/absence/subjects`, kari);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applies: true, limitPercent: 10 });
    expect(res.json().subjects).toEqual([
      { subject: 'Matematikk', lessons: 10, documented: 1, undocumented: 1, exempt: 0, undocumentedPercent: 10, overLimit: false },
      { subject: 'Norsk', lessons: 5, documented: 0, undocumented: 1, exempt: 0, undocumentedPercent: 20, overLimit: true },
    ]);
    expect(res.json().canDocument).toBe(false);
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence`, kari)).json().summary.absentLessons).toBe(3);

    // The school accepts a statement from health personnel for the 20th, and the Norwegian lesson on the 13th
    // was spent with the rådgiver (a right under the Act): neither is undocumented any more.
    const documented = await t.send('POST', `/api/students/${t.demo.people.jonas}/absence/documentation`, { fromDate: '2026-11-20', toDate: '2026-11-20', category: 'health' }, henrik);
    expect(documented.statusCode).toBe(200);
    const rights = await t.send('POST', `/api/students/${t.demo.people.jonas}/absence/documentation`, { fromDate: '2026-11-13', toDate: '2026-11-13', category: 'rights' }, henrik);
    expect(rights.json().canDocument).toBe(true);
    expect(rights.json().subjects).toEqual([
      { subject: 'Matematikk', lessons: 10, documented: 2, undocumented: 0, exempt: 0, undocumentedPercent: 0, overLimit: false },
      { subject: 'Norsk', lessons: 5, documented: 0, undocumented: 0, exempt: 1, undocumentedPercent: 0, overLimit: false },
    ]);
    expect(rights.json().documentation.map((d: { category: string; acceptedBy: { givenName: string } }) => [d.category, d.acceptedBy.givenName]))
      .toEqual([['rights', 'Henrik'], ['health', 'Henrik']]);
    // A guardian sees what was accepted, and cannot accept documentation herself.
    expect((await t.get(`/api/students/${t.demo.people.jonas}/absence/subjects`, kari)).json().documentation).toHaveLength(2);
    expect((await t.send('POST', `/api/students/${t.demo.people.jonas}/absence/documentation`, { fromDate: '2026-11-19', toDate: '2026-11-19', category: 'health' }, kari)).statusCode).toBe(404);
    // No free text: a diagnosis has nowhere to go.
    const diagnosis = await t.send('POST', `/api/students/${t.demo.people.jonas}/absence/documentation`, { fromDate: '2026-11-19', toDate: '2026-11-19', category: 'health', note: 'influensa' }, henrik);
    expect(diagnosis.statusCode).toBe(400);

    const withdrawn = await t.send('POST', `/api/absence/documentation/${documented.json().documentation.find((d: { category: string }) => d.category === 'health').id}/withdraw`, {}, henrik);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().subjects[0]).toMatchObject({ subject: 'Matematikk', documented: 1, undocumented: 1 });
    const history = await t.database.db.selectFrom('absence_history').select(['action', 'actor_id']).where('record_type', '=', 'documentation').orderBy('id').execute();
    expect(history).toEqual([
      { action: 'accepted', actor_id: t.demo.people.jonasTeacher },
      { action: 'accepted', actor_id: t.demo.people.jonasTeacher },
      { action: 'withdrawn', actor_id: t.demo.people.jonasTeacher },
    ]);
  });
});
