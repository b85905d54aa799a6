// The owner's rules (worrying absence, leave limits, who decides, blackouts) and each school's check time.
import type { Ctx } from '../core/context';
import type { AbsenceRules } from '@shared/contracts/absence';
import { notFound, forbidden } from '../core/errors';
import { osloDate } from '@shared/dates';
import * as repo from './settings.repo';
import { findSchool, type Db } from './absence.repo';
import { canReadOwnerRules, canSetOwnerRules, canSetSchoolAbsenceSettings } from './absence.policy';
import { rescheduleMorningCheck } from './morning-check.service';
import { DEFAULT_CHECK_TIME, DEFAULT_RULES } from './defaults';


export async function rulesOfOwner(db: Db, ownerId: string): Promise<repo.OwnerRulesRow> {
  return (await repo.findOwnerRules(db, ownerId)) ?? DEFAULT_RULES;
}

export async function checkTimeOf(db: Db, schoolId: string): Promise<string> {
  return (await repo.findCheckTime(db, schoolId)) ?? DEFAULT_CHECK_TIME;
}

export async function getOwnerRules(ctx: Ctx, ownerId: string): Promise<AbsenceRules> {
  const schools = await repo.findSchoolIdsOfOwner(ctx.db, ownerId);
  if (!canReadOwnerRules(ctx.actor, ownerId, schools)) throw notFound('owner');
  const [r, blackouts] = await Promise.all([rulesOfOwner(ctx.db, ownerId), repo.findBlackouts(ctx.db, ownerId)]);
  return {
    leaveMaxDaysPerYear: r.leave_max_days_per_year,
    contactTeacherMaxLeaveDays: r.contact_teacher_max_leave_days,
    worrying: { percent: r.worrying_percent, percentWeeks: r.worrying_percent_weeks, days: r.worrying_days, daysWeeks: r.worrying_days_weeks },
    subjectLimitPercent: r.subject_limit_percent,
    blackouts: blackouts.map((b) => ({ schoolId: b.school_id, startsOn: b.starts_on, endsOn: b.ends_on, label: b.label })),
  };
}

export async function setOwnerRules(ctx: Ctx, ownerId: string, input: AbsenceRules): Promise<AbsenceRules> {
  const schools = await repo.findSchoolIdsOfOwner(ctx.db, ownerId);
  if (!canSetOwnerRules(ctx.actor, ownerId)) {
    if (canReadOwnerRules(ctx.actor, ownerId, schools)) throw forbidden('Only the school owner sets these rules');
    throw notFound('owner');
  }
  const foreign = input.blackouts.find((b) => b.schoolId !== null && !schools.includes(b.schoolId));
  if (foreign) throw notFound('school');
  const rules: repo.OwnerRulesRow = {
    leave_max_days_per_year: input.leaveMaxDaysPerYear,
    contact_teacher_max_leave_days: input.contactTeacherMaxLeaveDays,
    worrying_percent: input.worrying.percent,
    worrying_percent_weeks: input.worrying.percentWeeks,
    worrying_days: input.worrying.days,
    worrying_days_weeks: input.worrying.daysWeeks,
    subject_limit_percent: input.subjectLimitPercent,
  };
  const blackouts = input.blackouts.map((b) => ({ school_id: b.schoolId, starts_on: b.startsOn, ends_on: b.endsOn, label: b.label }));
  await ctx.db.transaction().execute((tx) => repo.replaceOwnerRules(tx, ownerId, rules, blackouts, ctx.actor.personId, ctx.clock.now()));
  return getOwnerRules(ctx, ownerId);
}

async function schoolFor(ctx: Ctx, schoolId: string) {
  const school = await findSchool(ctx.db, schoolId);
  if (!school || !canSetSchoolAbsenceSettings(ctx.actor, school)) throw notFound('school');
  return school;
}

export async function getSchoolSettings(ctx: Ctx, schoolId: string) {
  await schoolFor(ctx, schoolId);
  return { checkTime: await checkTimeOf(ctx.db, schoolId) };
}

/** A new time applies from today when today's check has not run yet. */
export async function setSchoolSettings(ctx: Ctx, schoolId: string, input: { checkTime: string }) {
  await schoolFor(ctx, schoolId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.upsertCheckTime(tx, schoolId, input.checkTime, ctx.actor.personId, now);
    await rescheduleMorningCheck(tx, schoolId, osloDate(now), input.checkTime);
  });
  return { checkTime: input.checkTime };
}
