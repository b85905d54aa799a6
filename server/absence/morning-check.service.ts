// The morning check of unexplained absence (3.2). At each school's time (default 09:00 Oslo), every student
// registered absent without a guardian's report or approved leave gets a follow-up on the contact teacher's task
// list, and the guardians an urgent notification. The follow-up is unique per student and day, so the alert goes
// out once however many workers or repeated runs there are.
import type { SystemCtx } from '../core/context';
import { enqueueJob, moveJob, osloDateTime } from '../jobs/queue';
import { isSchoolDay } from '@shared/oslo-time';
import * as repo from './followups.repo';
import { insertHistory, type Db } from './absence.repo';
import { findAllCheckTimes, findCheckTime } from './settings.repo';
import { DEFAULT_CHECK_TIME } from './defaults';
import { alertUnexplainedAbsences } from './absence.notify';

export const MORNING_CHECK_JOB = 'absence.morning-check';
export const PLAN_CHECKS_JOB = 'absence.plan-morning-checks';

/** The key of one school's check on one day: the job exists once. */
export const morningCheckKey = (schoolId: string, date: string): string => `absence-check:${schoolId}:${date}`;

/** Students of a school registered absent on a date without a guardian's report or approved leave. */
export async function findUnexplainedAbsences(db: Db, schoolId: string, date: string) {
  const rows = await repo.findUnexplained(db, schoolId, date);
  return rows.map((r) => ({ studentId: r.student_id, givenName: r.given_name, familyName: r.family_name, group: { id: r.group_id, name: r.group_name } }));
}

/** Runs one school's check for a day: the task list, the history, and the guardians' urgent notification. */
export async function runMorningAbsenceCheck(sys: SystemCtx, schoolId: string, date: string): Promise<{ followups: number; guardiansAlerted: number }> {
  const at = sys.clock.now();
  return sys.db.transaction().execute(async (tx) => {
    const created = await repo.insertFollowups(tx, schoolId, date, at);
    const counts = new Map((await repo.countAlertedGuardians(tx, created.map((c) => c.id))).map((c) => [c.id, Number(c.guardians_alerted)]));
    await insertHistory(tx, at, created.map((c) => ({
      actorId: null, studentId: c.student_id, recordType: 'followup' as const, recordId: c.id, action: 'unexplained_absence_alert',
      after: { date, guardiansAlerted: counts.get(c.id) ?? 0 },
    })));
    await alertUnexplainedAbsences(tx, created.map((c) => c.id), at);
    return { followups: created.length, guardiansAlerted: [...counts.values()].reduce((a, b) => a + b, 0) };
  });
}

/** Queues a school's check for a day at its time; idempotent. */
export async function scheduleMorningCheck(db: Db, schoolId: string, date: string, checkTime: string): Promise<void> {
  await enqueueJob(db, { kind: MORNING_CHECK_JOB, payload: { schoolId, date }, runAt: osloDateTime(date, checkTime), uniqueKey: morningCheckKey(schoolId, date) });
}

/** A school changed its time: today's check, if it has not started, moves with it. */
export async function rescheduleMorningCheck(db: Db, schoolId: string, date: string, checkTime: string): Promise<void> {
  await moveJob(db, morningCheckKey(schoolId, date), osloDateTime(date, checkTime));
}

/** Run early each day (absence.jobs.ts): queues every school's check for that day, on school days. */
export async function planMorningChecks(sys: SystemCtx, date: string): Promise<number> {
  if (!isSchoolDay(date)) return 0;
  const schools = await findAllCheckTimes(sys.db);
  for (const s of schools) await scheduleMorningCheck(sys.db, s.school_id, date, s.check_time ?? DEFAULT_CHECK_TIME);
  return schools.length;
}

/**
 * A register saved today makes sure the day's check exists, so a server started after the daily planning still
 * checks. A register saved after the check time has its absences checked at once (a follow-up never repeats).
 */
export async function checkAfterRegister(db: Db, schoolId: string, date: string, now: Date): Promise<void> {
  const checkTime = (await findCheckTime(db, schoolId)) ?? DEFAULT_CHECK_TIME;
  const runAt = osloDateTime(date, checkTime);
  if (runAt > now) return scheduleMorningCheck(db, schoolId, date, checkTime);
  await enqueueJob(db, { kind: MORNING_CHECK_JOB, payload: { schoolId, date }, runAt: now });
}
