// The teacher's register, made for a phone: one read gives the group with each student's state for the day
// (reported absence and approved leave already marked absent), one write saves the whole register.
import type { Ctx } from '../core/context';
import type { AttendanceResponse, SaveAttendanceRequest } from '@shared/contracts/absence';
import type { FieldIssueCode } from '@shared/errors';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { isSchoolDay } from '@shared/oslo-time';
import { findGroup } from '../classes/classes.repo';
import * as repo from './attendance.repo';
import { findReportDetails } from './reports.repo';
import { findApprovedLeave } from './leave.repo';
import { canKeepRegister } from './absence.policy';
import { checkAfterRegister } from './morning-check.service';

async function groupFor(ctx: Ctx, groupId: string) {
  const group = await findGroup(ctx.db, groupId);
  if (!group || !canKeepRegister(ctx.actor, group)) throw notFound('group');
  return group;
}

export async function getAttendance(ctx: Ctx, groupId: string, date: string, period: number): Promise<AttendanceResponse> {
  const group = await groupFor(ctx, groupId);
  return registerOf(ctx, group, await repo.findEnrolledStudents(ctx.db, groupId), date, period);
}

type Group = Awaited<ReturnType<typeof groupFor>>;

/** Why no register can be kept for a day: the same rule for what the page offers and what a save is refused. */
function closedBecause(date: string, today: string): AttendanceResponse['closedBecause'] {
  if (date > today) return 'in_future';
  // The school calendar the counts use (summary.ts): a register on another day would count nowhere.
  if (!isSchoolDay(date)) return 'not_a_school_day';
  return null;
}
type Enrolled = Awaited<ReturnType<typeof repo.findEnrolledStudents>>;

/** The day's register of a group the actor may keep, for its students as already read. */
async function registerOf(ctx: Ctx, group: Group, students: Enrolled, date: string, period: number): Promise<AttendanceResponse> {
  const groupId = group.id;
  const ids = students.map((s) => s.id);
  const [register, marks, reports, leave] = await Promise.all([
    repo.findRegister(ctx.db, groupId, date, period),
    repo.findMarks(ctx.db, groupId, date, period),
    findReportDetails(ctx.db, { studentIds: ids, from: date, to: date, activeOnly: true }),
    findApprovedLeave(ctx.db, ids, date, date),
  ]);
  const markOf = new Map(marks.map((m) => [m.student_id, m.status]));
  const today = osloDate(ctx.clock.now());
  return {
    group: { id: group.id, name: group.name, kind: group.kind },
    date,
    period,
    subject: register?.subject ?? null,
    registered: register ? { by: { id: register.id, givenName: register.given_name, familyName: register.family_name }, at: new Date(register.registered_at).toISOString() } : null,
    canEdit: true,
    today,
    closedBecause: closedBecause(date, today),
    students: students.map((s) => {
      const report = reports.find((r) => r.student_id === s.id);
      const onLeave = leave.find((l) => l.student_id === s.id);
      const wholeDayReport = report && report.from_time === null && report.until_time === null;
      const mark = markOf.get(s.id);
      return {
        student: { id: s.id, givenName: s.given_name, familyName: s.family_name },
        status: mark ?? (wholeDayReport || onLeave ? 'absent' : 'present'),
        saved: mark !== undefined,
        report: report ? { id: report.id, reason: report.reason, fromTime: report.from_time, untilTime: report.until_time, reportedBy: { id: report.rb_id, givenName: report.rb_given, familyName: report.rb_family } } : null,
        leave: onLeave ? { id: onLeave.id, kind: onLeave.kind } : null,
      };
    }),
  };
}

export async function saveAttendance(ctx: Ctx, groupId: string, input: SaveAttendanceRequest): Promise<AttendanceResponse> {
  const group = await groupFor(ctx, groupId);
  const now = ctx.clock.now();
  const today = osloDate(now);
  const refuse = (path: string, code: FieldIssueCode, message: string) => new AppError('validation_failed', message, [{ path, code, message }]);
  const closed = closedBecause(input.date, today);
  if (closed === 'in_future') throw refuse('body.date', closed, 'A register is kept for today or a day that has been');
  if (closed) throw refuse('body.date', closed, 'A register is kept for a school day');
  if (group.kind === 'aks' && input.period !== 0) throw refuse('body.period', 'no_lessons', 'AKS has no lessons: its register is for the whole day');
  const students = await repo.findEnrolledStudents(ctx.db, groupId);
  const enrolled = new Set(students.map((s) => s.id));
  const strangers = input.absentStudentIds.filter((id) => !enrolled.has(id));
  if (strangers.length > 0) throw refuse('body.absentStudentIds', 'not_in_group', 'A student marked absent is not in this group');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.saveRegister(tx, { groupId, date: input.date, period: input.period, subject: input.subject ?? null, absentIds: [...new Set(input.absentStudentIds)], by: ctx.actor.personId, at: now });
    if (group.kind === 'class' && input.date === today) await checkAfterRegister(tx, group.school_id, today, now);
  });
  // The group and its students were read above; what the save changed is read afresh.
  return registerOf(ctx, group, students, input.date, input.period);
}
