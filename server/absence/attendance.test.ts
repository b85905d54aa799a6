// The teacher's register: kept for a school day that has come, the whole day only in AKS, and every refusal a
// code the web shows in the reader's own words (not the "is not valid" a plain custom issue falls back to).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFieldIssueCode } from '@shared/errors';
import { isSchoolDay } from '@shared/oslo-time';
import { translate } from '../i18n/catalogs';
import { createTestApp, type Session, type TestApp } from '../test/harness';

const MONDAY = '2026-11-23';
const SATURDAY = '2026-11-21';
const SUNDAY = '2026-11-22';

describe('keeping a register', () => {
  let t: TestApp;
  let ingrid: Session;
  let ole: Session;
  beforeAll(async () => {
    t = await createTestApp();
    ingrid = await t.loginAs(t.demo.users.ingrid);
    ole = await t.loginAs(t.demo.users.ole);
  });
  afterAll(async () => { await t.close(); });

  const save = (group: string, body: Record<string, unknown>, session = ingrid) => t.send('PUT', `/api/groups/${group}/attendance`, body, session);
  const issuesOf = (res: { json(): unknown }) => (res.json() as { error: { issues: { path: string; code: string }[] } }).error.issues.map((i) => [i.path, i.code]);
  /** The text the reader sees for an issue: its own message in every language, not the fallback for unknown codes. */
  const readable = (code: string) => {
    expect(isFieldIssueCode(code), code).toBe(true);
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const text = translate(lang, `issue.${code}`);
      expect(text, `${lang}: issue.${code}`).not.toBe(`issue.${code}`);
      expect(text, `${lang}: issue.${code}`).not.toBe(translate(lang, 'issue.custom'));
    }
    return translate('nb', `issue.${code}`);
  };

  it('refuses a register for a day that has not come, with a code that says so, and says why the page cannot keep it', async () => {
    t.clock.set(`${MONDAY}T08:15:00+01:00`);
    const res = await save(t.demo.groups['3A'], { date: '2026-11-24', absentStudentIds: [] });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual([['body.date', 'in_future']]);
    expect(readable('in_future')).toBe('Kan ikke være fram i tid. Velg i dag eller en dag som har vært.');

    const ahead = (await t.get(`/api/groups/${t.demo.groups['3A']}/attendance?date=2026-11-24`, ingrid)).json();
    expect(ahead).toMatchObject({ today: MONDAY, closedBecause: 'in_future' });
    const today = (await t.get(`/api/groups/${t.demo.groups['3A']}/attendance?date=${MONDAY}`, ingrid)).json();
    expect(today).toMatchObject({ today: MONDAY, closedBecause: null });
  });

  it('refuses a register for a Saturday or Sunday that has been, as not a school day, and keeps none', async () => {
    t.clock.set(`${MONDAY}T15:00:00+01:00`);
    for (const date of [SATURDAY, SUNDAY]) {
      expect(isSchoolDay(date)).toBe(false);
      const res = await save(t.demo.groups['3A'], { date, absentStudentIds: [t.demo.people.emma] });
      expect(res.statusCode, date).toBe(400);
      expect(issuesOf(res)).toEqual([['body.date', 'not_a_school_day']]);
      expect((await t.get(`/api/groups/${t.demo.groups['3A']}/attendance?date=${date}`, ingrid)).json()).toMatchObject({ closedBecause: 'not_a_school_day', registered: null });
    }
    expect(readable('not_a_school_day')).toBe('Er ikke en skoledag. Velg en dag fra mandag til fredag.');
    const kept = await t.database.db.selectFrom('attendance_registers').select('date').where('date', 'in', [SATURDAY, SUNDAY]).execute();
    expect(kept).toEqual([]);
    // The Friday before is a school day that has been: its register is kept.
    expect((await save(t.demo.groups['3A'], { date: '2026-11-20', absentStudentIds: [t.demo.people.emma] })).statusCode).toBe(200);
  });

  it('keeps an AKS register for the whole day only: AKS has no lessons', async () => {
    t.clock.set(`${MONDAY}T15:00:00+01:00`);
    const lesson = await save(t.demo.groups.aks, { date: MONDAY, period: 2, absentStudentIds: [] }, ole);
    expect(lesson.statusCode).toBe(400);
    expect(issuesOf(lesson)).toEqual([['body.period', 'no_lessons']]);
    readable('no_lessons');
    const day = await save(t.demo.groups.aks, { date: MONDAY, absentStudentIds: [t.demo.people.emma] }, ole);
    expect(day.statusCode).toBe(200);
    expect(day.json()).toMatchObject({ group: { kind: 'aks' }, period: 0, registered: { by: { givenName: 'Ole' } } });
    // A class has lessons.
    expect((await save(t.demo.groups['3A'], { date: MONDAY, period: 2, subject: 'Norsk', absentStudentIds: [] })).statusCode).toBe(200);
  });

  it('names a student who is not in the group with a code of its own', async () => {
    t.clock.set(`${MONDAY}T15:00:00+01:00`);
    const res = await save(t.demo.groups['3A'], { date: MONDAY, absentStudentIds: [t.demo.people.jonas] });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual([['body.absentStudentIds', 'not_in_group']]);
    readable('not_in_group');
  });
});
