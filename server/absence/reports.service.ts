// A guardian reports absence: one report per child reaches the contact teacher and, where the child is in
// AKS/SFO, the AKS base leader (both read it in their day's register). The guardian may correct or withdraw it
// until its first day starts in Oslo. Every change goes to the history in the same transaction (3.5).
import type { Ctx } from '../core/context';
import type { AbsenceReportView, CorrectAbsenceRequest, ReportAbsenceRequest } from '@shared/contracts/absence';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../core/errors';
import { osloDate, osloMidnight } from '@shared/dates';
import { addDays, schoolDaysBetween } from '@shared/oslo-time';
import * as repo from './reports.repo';
import { findStudents, insertHistory } from './absence.repo';
import { canChangeReport, canReportAbsenceFor } from './absence.policy';

/** How far back a guardian may report (a day of illness told after the fact) and how far ahead. */
const REPORT_BACK_DAYS = 14;
const REPORT_AHEAD_DAYS = 180;

type Span = Pick<ReportAbsenceRequest, 'fromDate' | 'toDate' | 'fromTime' | 'untilTime' | 'reason'>;

function normalise(span: Span) {
  return { from_date: span.fromDate, to_date: span.toDate ?? span.fromDate, from_time: span.fromTime ?? null, until_time: span.untilTime ?? null, reason: span.reason ?? null };
}

function checkWindow(ctx: Ctx, span: { from_date: string; to_date: string }) {
  const today = osloDate(ctx.clock.now());
  if (span.from_date < addDays(today, -REPORT_BACK_DAYS)) {
    throw new AppError('validation_failed', `Absence can be reported up to ${REPORT_BACK_DAYS} days back`, [{ path: 'body.fromDate', code: 'too_early', message: 'too far back' }]);
  }
  if (span.to_date > addDays(today, REPORT_AHEAD_DAYS)) {
    throw new AppError('validation_failed', `Absence can be reported up to ${REPORT_AHEAD_DAYS} days ahead`, [{ path: 'body.toDate', code: 'too_late', message: 'too far ahead' }]);
  }
  // A Saturday alone is no absence from school: most likely a wrong date, which the guardian should hear of now.
  if (schoolDaysBetween(span.from_date, span.to_date).length === 0) {
    const path = span.to_date === span.from_date ? 'body.fromDate' : 'body.toDate';
    throw new AppError('validation_failed', 'The dates hold no school day', [{ path, code: 'no_school_days', message: 'no school day' }]);
  }
}

const snapshot = (r: { from_date: string; to_date: string; from_time: string | null; until_time: string | null; reason: string | null; status?: string }) =>
  ({ fromDate: r.from_date, toDate: r.to_date, fromTime: r.from_time, untilTime: r.until_time, reason: r.reason, status: r.status ?? 'active' });

/** The first instant a report can no longer be changed by a guardian: its first day's start in Oslo. */
const changeableUntil = (fromDate: string): Date => osloMidnight(fromDate);

export function toReportView(actor: Actor, r: repo.ReportDetail, now: Date): AbsenceReportView {
  const until = changeableUntil(r.from_date);
  return {
    id: r.id,
    student: { id: r.student_id, givenName: r.s_given, familyName: r.s_family },
    fromDate: r.from_date,
    toDate: r.to_date,
    fromTime: r.from_time,
    untilTime: r.until_time,
    reason: r.reason,
    status: r.status,
    reportedBy: { id: r.rb_id, givenName: r.rb_given, familyName: r.rb_family },
    reportedAt: new Date(r.created_at).toISOString(),
    updatedBy: { id: r.ub_id, givenName: r.ub_given, familyName: r.ub_family },
    updatedAt: new Date(r.updated_at).toISOString(),
    reachesAks: r.reaches_aks,
    changeableUntil: until.toISOString(),
    canChange: r.status === 'active' && canChangeReport(actor, r) && now < until,
  };
}

async function views(ctx: Ctx, ids: string[]): Promise<AbsenceReportView[]> {
  const rows = await repo.findReportDetails(ctx.db, { ids });
  return rows.map((r) => toReportView(ctx.actor, r, ctx.clock.now()));
}

export async function reportAbsence(ctx: Ctx, input: ReportAbsenceRequest): Promise<{ reports: AbsenceReportView[] }> {
  const studentIds = [...new Set(input.studentIds)];
  // One child the guardian may not report for refuses the whole report, and says nothing about which.
  if (!studentIds.every((id) => canReportAbsenceFor(ctx.actor, id))) throw notFound('child');
  const span = normalise(input);
  checkWindow(ctx, span);
  const now = ctx.clock.now();
  const students = await findStudents(ctx.db, studentIds, osloDate(now));
  if (students.length !== studentIds.length) throw notFound('child');
  const ids = await ctx.db.transaction().execute(async (tx) => {
    const rows = await repo.insertReports(tx, students.map((s) => ({
      ...span, student_id: s.id, school_id: s.school_id, reported_by: ctx.actor.personId, created_at: now, updated_at: now, updated_by: ctx.actor.personId,
    })));
    await insertHistory(tx, now, rows.map((r) => ({ actorId: ctx.actor.personId, studentId: r.student_id, recordType: 'report' as const, recordId: r.id, action: 'reported', after: snapshot(span) })));
    return rows.map((r) => r.id);
  });
  return { reports: await views(ctx, ids) };
}

async function changeableReport(ctx: Ctx, reportId: string) {
  const report = await repo.findReport(ctx.db, reportId);
  if (!report || !canChangeReport(ctx.actor, report)) throw notFound('report');
  if (report.status !== 'active') throw new AppError('already_changed', 'The report has been withdrawn');
  if (ctx.clock.now() >= changeableUntil(report.from_date)) {
    throw new AppError('day_started', 'The day has started: write to the contact teacher to change this report');
  }
  return report;
}

export async function correctReport(ctx: Ctx, reportId: string, input: CorrectAbsenceRequest): Promise<AbsenceReportView> {
  const report = await changeableReport(ctx, reportId);
  const span = normalise(input);
  checkWindow(ctx, span);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateReport(tx, reportId, { ...span, updated_at: now, updated_by: ctx.actor.personId });
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: report.student_id, recordType: 'report', recordId: reportId, action: 'corrected', before: snapshot(report), after: snapshot(span) }]);
  });
  return (await views(ctx, [reportId]))[0]!;
}

export async function withdrawReport(ctx: Ctx, reportId: string): Promise<AbsenceReportView> {
  const report = await changeableReport(ctx, reportId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateReport(tx, reportId, { status: 'withdrawn', updated_at: now, updated_by: ctx.actor.personId });
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: report.student_id, recordType: 'report', recordId: reportId, action: 'withdrawn', before: snapshot(report), after: snapshot({ ...report, status: 'withdrawn' }) }]);
  });
  return (await views(ctx, [reportId]))[0]!;
}
