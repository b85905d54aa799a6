// Leave (permisjon, OL23 § 2-2; domain 3.6–3.9). A guardian applies; the owner's rules say who decides (the
// contact teacher for short leave, else the rektor), how many days a year, and when no leave is given
// (blackouts). Leave for a religious holiday is a right and cannot be refused (3.8). The decision is an
// enkeltvedtak: reasons, the student's best interests and views, and the appeal route with its deadline (3.9).
import type { Ctx } from '../core/context';
import type { Actor } from '../access/actor';
import type { ApplyLeaveRequest, DecideLeaveRequest, LeaveApplicationView } from '@shared/contracts/absence';
import type { LeaveStatus } from './absence.tables';
import { AppError, forbidden, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { addDays, schoolDaysBetween } from '@shared/oslo-time';
import { isSchoolLeaderAt } from '../access/relations';
import { isSupportedLocale, translate } from '../i18n/catalogs';
import * as repo from './leave.repo';
import { findBlackoutsOfOwners, type OwnerRulesRow } from './settings.repo';
import { rulesOfOwner } from './settings.service';
import { findSchoolYearsOf, findStudentPlace, findStudentPlaces, findStudents, insertHistory, type Db } from './absence.repo';
import { canApplyForLeaveFor, canDecideLeave, canReadLeaveOf, type StudentPlace } from './absence.policy';
import { noticeLeaveDecision } from './absence.notify';

/** Three weeks to appeal an enkeltvedtak (forvaltningsloven § 29), to the statsforvalter through the school. */
const APPEAL_DAYS = 21;
const MAX_SPAN_DAYS = 366;

type Detail = repo.LeaveDetail;

const deciderFor = (app: { kind: string; school_days: number }, rules: OwnerRulesRow): 'kontaktlaerer' | 'rektor' =>
  app.kind === 'religious_holiday' || app.school_days <= rules.contact_teacher_max_leave_days ? 'kontaktlaerer' : 'rektor';

/** The reader's language: the one they chose in the app, else the one the school registered, else bokmål. */
function readerLanguage(actor: Actor): string {
  if (actor.locale && isSupportedLocale(actor.locale)) return actor.locale;
  return isSupportedLocale(actor.preferredLanguage) ? actor.preferredLanguage : 'nb';
}

const longDate = (date: string, lang: string) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

type Checks = LeaveApplicationView['checks'];

/**
 * What the views of applications need beyond their own rows, read once for all of them: the owners' rules, and for
 * each application the days of approved ordinary leave its student has had that school year (itself left out) and
 * the blackouts it overlaps. A list of a school's applications reads these in a few statements, not a few per row.
 */
async function leaveFacts(db: Db, apps: Detail[]) {
  const ordinary = apps.filter((a) => a.kind !== 'religious_holiday');
  const ownerIds = [...new Set(apps.map((a) => a.owner_id))];
  const [rules, years, approved, blackouts] = await Promise.all([
    Promise.all(ownerIds.map(async (id) => [id, await rulesOfOwner(db, id)] as const)).then((r) => new Map(r)),
    findSchoolYearsOf(db, ordinary.map((a) => a.school_id)),
    repo.findApprovedOrdinary(db, ordinary.map((a) => a.student_id)),
    findBlackoutsOfOwners(db, ordinary.map((a) => a.owner_id)),
  ]);
  const approvedOf = new Map<string, typeof approved>();
  for (const o of approved) {
    const own = approvedOf.get(o.student_id);
    if (own) own.push(o);
    else approvedOf.set(o.student_id, [o]);
  }
  const rulesOf = (app: Detail): OwnerRulesRow => rules.get(app.owner_id)!;
  const checksOf = (app: Detail): Checks => {
    const max = rulesOf(app).leave_max_days_per_year;
    if (app.kind === 'religious_holiday') return { maxDaysPerYear: max, daysUsedThisYear: 0, overMax: false, blackouts: [] };
    // The school year the leave begins in; without one, the calendar year up to its first day.
    const year = years.find((y) => y.school_id === app.school_id && y.starts_on <= app.from_date && y.ends_on >= app.from_date);
    const [from, to] = year ? [year.starts_on, year.ends_on] : [`${app.from_date.slice(0, 4)}-01-01`, app.from_date];
    const used = (approvedOf.get(app.student_id) ?? [])
      .filter((o) => o.id !== app.id && o.from_date >= from && o.from_date <= to)
      .reduce((sum, o) => sum + o.school_days, 0);
    const overlapping = blackouts.filter((b) => b.owner_id === app.owner_id && (b.school_id === null || b.school_id === app.school_id)
      && b.starts_on <= app.to_date && b.ends_on >= app.from_date);
    return {
      maxDaysPerYear: max,
      daysUsedThisYear: used,
      overMax: used + app.school_days > max,
      blackouts: overlapping.map((b) => ({ label: b.label, startsOn: b.starts_on, endsOn: b.ends_on })),
    };
  };
  return { rulesOf, checksOf };
}

/** The views of applications whose students' places are known (an application without one is left out). */
export async function toLeaveViews(ctx: Ctx, apps: Detail[], places: ReadonlyMap<string, StudentPlace>): Promise<LeaveApplicationView[]> {
  const placed = apps.filter((a) => places.has(a.student_id));
  const facts = await leaveFacts(ctx.db, placed);
  return placed.map((app) => viewOf(ctx, app, places.get(app.student_id)!, facts));
}

export async function toLeaveView(ctx: Ctx, app: Detail, place: StudentPlace): Promise<LeaveApplicationView> {
  return viewOf(ctx, app, place, await leaveFacts(ctx.db, [app]));
}

function viewOf(ctx: Ctx, app: Detail, place: StudentPlace, facts: Awaited<ReturnType<typeof leaveFacts>>): LeaveApplicationView {
  const rules = facts.rulesOf(app);
  const decider = deciderFor(app, rules);
  const lang = readerLanguage(ctx.actor);
  const decision = app.outcome && app.decided_at && app.appeal_deadline ? {
    outcome: app.outcome,
    decidedBy: { id: app.db_id!, givenName: app.db_given!, familyName: app.db_family! },
    deciderRole: app.decider_role!,
    decidedAt: new Date(app.decided_at).toISOString(),
    reasons: app.reasons!,
    bestInterests: app.best_interests!,
    studentViews: app.student_views!,
    appeal: {
      to: 'statsforvalteren' as const,
      via: app.school_name,
      deadline: app.appeal_deadline,
      text: translate(lang, 'absence.leave.appeal', { deadline: longDate(app.appeal_deadline, lang), school: app.school_name }),
    },
  } : null;
  return {
    id: app.id,
    student: { id: app.student_id, givenName: app.s_given, familyName: app.s_family },
    school: { id: app.school_id, name: app.school_name },
    kind: app.kind,
    fromDate: app.from_date,
    toDate: app.to_date,
    schoolDays: app.school_days,
    reason: app.reason,
    status: app.status,
    appliedBy: { id: app.ab_id, givenName: app.ab_given, familyName: app.ab_family },
    appliedAt: new Date(app.created_at).toISOString(),
    decider,
    checks: facts.checksOf(app),
    decision,
    canDecide: app.status === 'pending' && canDecideLeave(ctx.actor, app, place, decider),
    canWithdraw: app.status === 'pending' && canApplyForLeaveFor(ctx.actor, app.student_id),
  };
}

async function readable(ctx: Ctx, applicationId: string) {
  const app = await repo.findApplication(ctx.db, applicationId);
  const place = app && (await findStudentPlace(ctx.db, app.student_id, osloDate(ctx.clock.now())));
  if (!app || !place || !canReadLeaveOf(ctx.actor, place)) throw notFound('leave application');
  return { app, place };
}

export async function getLeave(ctx: Ctx, applicationId: string): Promise<LeaveApplicationView> {
  const { app, place } = await readable(ctx, applicationId);
  return toLeaveView(ctx, app, place);
}

export async function applyForLeave(ctx: Ctx, input: ApplyLeaveRequest): Promise<LeaveApplicationView> {
  if (!canApplyForLeaveFor(ctx.actor, input.studentId)) throw notFound('child');
  const now = ctx.clock.now();
  const today = osloDate(now);
  const invalid = (path: string, code: string, message: string) => new AppError('validation_failed', message, [{ path, code, message }]);
  if (input.fromDate < today) throw invalid('body.fromDate', 'in_past', 'Leave is applied for before it starts');
  if (input.toDate > addDays(input.fromDate, MAX_SPAN_DAYS)) throw invalid('body.toDate', 'too_long', 'Leave spans at most a year');
  const schoolDays = schoolDaysBetween(input.fromDate, input.toDate).length;
  if (schoolDays === 0) throw invalid('body.toDate', 'no_school_days', 'The dates hold no school day');
  const [student] = await findStudents(ctx.db, [input.studentId], today);
  if (!student) throw notFound('child');
  const id = await ctx.db.transaction().execute(async (tx) => {
    const appId = await repo.insertApplication(tx, {
      student_id: student.id, school_id: student.school_id, applied_by: ctx.actor.personId, kind: input.kind, from_date: input.fromDate, to_date: input.toDate,
      school_days: schoolDays, reason: input.reason || null, created_at: now, updated_at: now,
    });
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: student.id, recordType: 'leave', recordId: appId, action: 'applied', after: { kind: input.kind, fromDate: input.fromDate, toDate: input.toDate, schoolDays } }]);
    return appId;
  });
  return getLeave(ctx, id);
}

export async function withdrawLeave(ctx: Ctx, applicationId: string): Promise<LeaveApplicationView> {
  const { app } = await readable(ctx, applicationId);
  if (!canApplyForLeaveFor(ctx.actor, app.student_id)) throw forbidden('Only a guardian withdraws an application');
  if (app.status !== 'pending') throw new AppError('already_changed', 'The application has been decided or withdrawn');
  await setStatusWithHistory(ctx, app, 'withdrawn', 'withdrawn');
  return getLeave(ctx, applicationId);
}

async function setStatusWithHistory(ctx: Ctx, app: Detail, status: LeaveStatus, action: string, decision?: DecideLeaveRequest & { deciderRole: string }) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (decision) {
      await repo.insertDecision(tx, {
        application_id: app.id, outcome: decision.outcome, decided_by: ctx.actor.personId, decider_role: decision.deciderRole, decided_at: now,
        reasons: decision.reasons, best_interests: decision.bestInterests, student_views: decision.studentViews, appeal_deadline: addDays(osloDate(now), APPEAL_DAYS),
      });
      await noticeLeaveDecision(tx, app.id, osloDate(now), now);
    }
    await repo.setStatus(tx, app.id, status, now);
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: app.student_id, recordType: 'leave', recordId: app.id, action, before: { status: app.status }, after: { status, ...(decision ? { deciderRole: decision.deciderRole } : {}) } }]);
  });
}

export async function decideLeave(ctx: Ctx, applicationId: string, input: DecideLeaveRequest): Promise<LeaveApplicationView> {
  const { app, place } = await readable(ctx, applicationId);
  const facts = await leaveFacts(ctx.db, [app]);
  const decider = deciderFor(app, facts.rulesOf(app));
  if (!canDecideLeave(ctx.actor, app, place, decider)) throw forbidden(decider === 'rektor' ? 'Leave this long is decided by the rektor' : 'You do not decide leave for this student');
  if (app.status !== 'pending') throw new AppError('already_changed', 'The application has been decided or withdrawn');
  if (app.kind === 'religious_holiday' && input.outcome === 'refused') {
    throw new AppError('leave_is_a_right', 'Leave for a religious holiday is a right and cannot be refused (opplæringslova § 2-2)');
  }
  if (app.kind === 'ordinary' && input.outcome === 'approved') {
    const checks = facts.checksOf(app);
    if (checks.overMax) throw new AppError('leave_over_limit', `This would exceed the owner's limit of ${checks.maxDaysPerYear} days of leave this school year`);
    if (checks.blackouts.length > 0) throw new AppError('leave_blackout', `No leave is given during ${checks.blackouts.map((b) => b.label).join(', ')}`);
  }
  // The role the decision is made in, as the letter names it: the leader's own role, else the contact teacher.
  const leaderRole = ctx.actor.staff.find((s) => s.schoolId === app.school_id && isSchoolLeaderAt(ctx.actor, s.schoolId) && (s.role === 'rektor' || s.role === 'avdelingsleder'))?.role;
  const deciderRole = leaderRole ?? 'kontaktlaerer';
  await setStatusWithHistory(ctx, app, input.outcome, 'decided', { ...input, deciderRole });
  return getLeave(ctx, applicationId);
}

/** A guardian's children's applications; a contact teacher's class's; a leader's whole school's. */
export async function listLeave(ctx: Ctx, status?: LeaveStatus): Promise<LeaveApplicationView[]> {
  const a = ctx.actor;
  const rows = await repo.findApplications(ctx.db, {
    studentIds: a.guardianOf.filter((g) => g.hasAccess).map((g) => g.studentId),
    schoolIds: [...new Set(a.staff.filter((s) => isSchoolLeaderAt(a, s.schoolId)).map((s) => s.schoolId))],
    groupIds: a.staff.filter((s) => s.role === 'kontaktlaerer' && s.groupId).map((s) => s.groupId!),
    status,
  });
  return toLeaveViews(ctx, rows, await findStudentPlaces(ctx.db, rows.map((r) => r.student_id), osloDate(ctx.clock.now())));
}
