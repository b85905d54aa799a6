// Overviews of absence: a child's term for guardians and staff, a class's and a school's with the "worrying
// absence" flag (3.4, thresholds per owner), and videregående's per-subject percentages (3.10–3.11).
import type { Ctx } from '../core/context';
import type { OverviewResponse, StudentAbsenceResponse } from '@shared/contracts/absence';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { addDays, termOf } from '@shared/oslo-time';
import { findGroup } from '../classes/classes.repo';
import { findEnrolledStudents, findMarksOfStudents } from './attendance.repo';
import { findReportDetails } from './reports.repo';
import { findApplications, findApprovedLeave } from './leave.repo';
import { findClassStudentsOfSchool, findPersonNames, findSchool, findSchoolYear, findStudentPlace, type Db } from './absence.repo';
import { findDocumentationOf } from './documentation.repo';
import { canDocumentAbsenceOf, canOverseeGroup, canOverseeSchool, canReadAbsenceOf } from './absence.policy';
import { toReportView } from './reports.service';
import { toLeaveViews } from './leave.service';
import { rulesOfOwner } from './settings.service';
import { perSubject, summarise, worrying, type StudentFacts } from './summary';

/** The span asked for, or the current term up to today (clipped to the school year). */
function spanOf(today: string, year: { starts_on: string; ends_on: string } | undefined, q: { from?: string | undefined; to?: string | undefined }) {
  const term = termOf(today, year ? { startsOn: year.starts_on, endsOn: year.ends_on } : undefined);
  const from = q.from ?? term.from;
  const to = q.to ?? (term.to < today ? term.to : today);
  if (to < from) throw new AppError('validation_failed', 'to is before from', [{ path: 'querystring.to', code: 'before_from', message: 'to is before from' }]);
  if (to > addDays(from, 366)) throw new AppError('validation_failed', 'At most a year at a time', [{ path: 'querystring.to', code: 'too_long', message: 'at most a year' }]);
  return { from, to };
}

/** The school year a student's place was found in (findStudentPlace reads it with the student). */
const schoolYearOf = (s: { starts_on: string | null; ends_on: string | null }) =>
  s.starts_on && s.ends_on ? { starts_on: s.starts_on, ends_on: s.ends_on } : undefined;

async function loadFacts(db: Db, studentIds: string[], from: string, to: string): Promise<Map<string, StudentFacts>> {
  const [marks, reports, leave] = await Promise.all([
    findMarksOfStudents(db, studentIds, from, to),
    findReportDetails(db, { studentIds, from, to, activeOnly: true }),
    findApprovedLeave(db, studentIds, from, to),
  ]);
  return new Map(studentIds.map((id) => [id, {
    marks: marks.filter((m) => m.student_id === id),
    reports: reports.filter((r) => r.student_id === id),
    leave: leave.filter((l) => l.student_id === id),
  }]));
}

export async function studentAbsence(ctx: Ctx, studentId: string, q: { from?: string | undefined; to?: string | undefined }): Promise<StudentAbsenceResponse> {
  const today = osloDate(ctx.clock.now());
  const place = await findStudentPlace(ctx.db, studentId, today);
  if (!place || !canReadAbsenceOf(ctx.actor, place)) throw notFound('student');
  const { from, to } = spanOf(today, schoolYearOf(place.student), q);
  // Reports and leave reach past today: what is coming is shown too, but counts only once it has happened.
  // The reports are read once; the facts counted are the active ones within the span.
  const [marks, reports, leave, applications] = await Promise.all([
    findMarksOfStudents(ctx.db, [studentId], from, to),
    findReportDetails(ctx.db, { studentIds: [studentId], from, to: addDays(to, 366) }),
    findApprovedLeave(ctx.db, [studentId], from, to),
    findApplications(ctx.db, { studentIds: [studentId], schoolIds: [], groupIds: [], from }),
  ]);
  const facts: StudentFacts = { marks, leave, reports: reports.filter((r) => r.status === 'active' && r.from_date <= to) };
  const covered = (date: string, spans: { from_date: string; to_date: string }[]) => spans.some((s) => s.from_date <= date && date <= s.to_date);
  return {
    student: { id: studentId, givenName: place.student.given_name, familyName: place.student.family_name },
    from,
    to,
    summary: summarise(facts, from, to),
    reports: reports.map((r) => toReportView(ctx.actor, r, ctx.clock.now())),
    registered: facts.marks.filter((m) => m.status === 'absent').map((m) => ({
      date: m.date, period: m.period, subject: m.subject,
      explainedBy: covered(m.date, facts.leave) ? 'leave' as const : covered(m.date, facts.reports) ? 'report' as const : null,
    })),
    leave: await toLeaveViews(ctx, applications, new Map([[studentId, place]])),
  };
}

async function overviewRows(ctx: Ctx, ownerId: string, schoolId: string, students: { id: string; given_name: string; family_name: string; group_id: string; group_name: string }[], q: { from?: string | undefined; to?: string | undefined }) {
  const today = osloDate(ctx.clock.now());
  const year = await findSchoolYear(ctx.db, schoolId, today);
  const { from, to } = spanOf(today, year, q);
  const r = await rulesOfOwner(ctx.db, ownerId);
  const rule = { percent: r.worrying_percent, percentWeeks: r.worrying_percent_weeks, days: r.worrying_days, daysWeeks: r.worrying_days_weeks };
  const yearStart = year?.starts_on ?? from;
  const windowFrom = addDays(to, -7 * Math.max(rule.percentWeeks, rule.daysWeeks));
  const loadFrom = [from, windowFrom < yearStart ? yearStart : windowFrom].sort()[0]!;
  const facts = await loadFacts(ctx.db, students.map((s) => s.id), loadFrom, to);
  return {
    from, to, rules: rule,
    students: students.map((s) => ({
      student: { id: s.id, givenName: s.given_name, familyName: s.family_name },
      group: { id: s.group_id, name: s.group_name },
      summary: summarise(facts.get(s.id)!, from, to),
      ...worrying(facts.get(s.id)!, to, yearStart, rule),
    })),
  };
}

export async function groupOverview(ctx: Ctx, groupId: string, q: { from?: string | undefined; to?: string | undefined; worryingOnly?: boolean }): Promise<OverviewResponse> {
  const group = await findGroup(ctx.db, groupId);
  if (!group || !canOverseeGroup(ctx.actor, group)) throw notFound('group');
  const school = (await findSchool(ctx.db, group.school_id))!;
  const students = (await findEnrolledStudents(ctx.db, groupId)).map((s) => ({ ...s, group_id: group.id, group_name: group.name }));
  const result = await overviewRows(ctx, school.owner_id, school.id, students, q);
  return q.worryingOnly ? { ...result, students: result.students.filter((s) => s.worrying) } : result;
}

export async function schoolOverview(ctx: Ctx, schoolId: string, q: { from?: string | undefined; to?: string | undefined; worryingOnly?: boolean }): Promise<OverviewResponse> {
  const school = await findSchool(ctx.db, schoolId);
  if (!school || !canOverseeSchool(ctx.actor, schoolId)) throw notFound('school');
  const students = await findClassStudentsOfSchool(ctx.db, schoolId, osloDate(ctx.clock.now()));
  const result = await overviewRows(ctx, school.owner_id, school.id, students, q);
  return q.worryingOnly ? { ...result, students: result.students.filter((s) => s.worrying) } : result;
}

/**
 * Whether the per-subject limit (3.10) applies to a student: in videregående, which is a videregående school or a
 * Vg class of a combined one. Grunnskole has no such limit, even when a lesson's register names its subject.
 */
function subjectLimitApplies(place: { student: { school_kind: string }; groups: { kind: string; level: string | null }[] }): boolean {
  if (place.student.school_kind === 'videregaende') return true;
  return place.student.school_kind === 'combined' && place.groups.some((g) => g.kind === 'class' && g.level?.startsWith('Vg') === true);
}

export async function subjectAbsence(ctx: Ctx, studentId: string, q: { from?: string | undefined; to?: string | undefined }) {
  const today = osloDate(ctx.clock.now());
  const place = await findStudentPlace(ctx.db, studentId, today);
  // Those who accept documentation (the office among them) see what it counts towards.
  if (!place || !(canReadAbsenceOf(ctx.actor, place) || canDocumentAbsenceOf(ctx.actor, place))) throw notFound('student');
  const { from, to } = spanOf(today, schoolYearOf(place.student), q);
  const [rules, loaded, documentation] = await Promise.all([
    rulesOfOwner(ctx.db, place.student.owner_id),
    loadFacts(ctx.db, [studentId], from, to),
    findDocumentationOf(ctx.db, [studentId], from, to),
  ]);
  const names = await findPersonNames(ctx.db, documentation.map((d) => d.accepted_by));
  const facts = { ...loaded.get(studentId)!, documentation };
  const applies = subjectLimitApplies(place);
  return {
    student: { id: studentId, givenName: place.student.given_name, familyName: place.student.family_name },
    from, to, applies, limitPercent: rules.subject_limit_percent,
    documentation: documentation.map((d) => ({
      id: d.id, fromDate: d.from_date, toDate: d.to_date, category: d.category,
      acceptedBy: names.get(d.accepted_by)!, acceptedAt: new Date(d.accepted_at).toISOString(),
    })),
    canDocument: canDocumentAbsenceOf(ctx.actor, place),
    subjects: applies ? perSubject(facts, from, to, rules.subject_limit_percent) : [],
  };
}
