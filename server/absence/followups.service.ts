// The contact teacher's task list of families not yet heard from (3.2): the follow-ups the morning check made,
// with the guardians to call and any report that came in since.
import type { Ctx } from '../core/context';
import type { FollowupsResponse } from '@shared/contracts/absence';
import type { FollowupResolution } from './absence.tables';
import { notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { isSchoolLeaderAt } from '../access/relations';
import { contactVisibilityForStaff } from '../classes/classes.policy';
import * as repo from './followups.repo';
import { findReportDetails } from './reports.repo';
import { insertHistory } from './absence.repo';
import { canFollowUp } from './absence.policy';

export async function listFollowups(ctx: Ctx, date?: string): Promise<FollowupsResponse> {
  const day = date ?? osloDate(ctx.clock.now());
  const a = ctx.actor;
  const rows = await repo.findFollowups(ctx.db, {
    date: day,
    schoolIds: [...new Set(a.staff.filter((s) => isSchoolLeaderAt(a, s.schoolId)).map((s) => s.schoolId))],
    groupIds: a.staff.filter((s) => s.role === 'kontaktlaerer' && s.groupId).map((s) => s.groupId!),
  });
  const studentIds = rows.map((r) => r.student_id);
  const [guardians, reports] = await Promise.all([
    repo.findGuardiansOn(ctx.db, studentIds, day),
    findReportDetails(ctx.db, { studentIds, from: day, to: day, activeOnly: true }),
  ]);
  return {
    date: day,
    items: rows.map((r) => {
      const report = reports.find((x) => x.student_id === r.student_id);
      return {
        id: r.id,
        student: { id: r.student_id, givenName: r.given_name, familyName: r.family_name },
        group: { id: r.group_id, name: r.group_name },
        date: r.date,
        createdAt: new Date(r.created_at).toISOString(),
        guardians: guardians.filter((g) => g.student_id === r.student_id).map((g) => ({
          id: g.id, givenName: g.given_name, familyName: g.family_name,
          phone: contactVisibilityForStaff(a, r.school_id, g.address_protection).phoneAndEmail ? g.phone : null,
        })),
        reportedLater: report ? { id: report.id, reportedBy: { id: report.rb_id, givenName: report.rb_given, familyName: report.rb_family }, reportedAt: new Date(report.created_at).toISOString() } : null,
        resolved: r.resolved_at && r.resolution && r.resolved_by_id
          ? { at: new Date(r.resolved_at).toISOString(), by: { id: r.resolved_by_id, givenName: r.resolved_by_given!, familyName: r.resolved_by_family! }, resolution: r.resolution }
          : null,
      };
    }),
  };
}

export async function resolveFollowup(ctx: Ctx, followupId: string, resolution: FollowupResolution): Promise<FollowupsResponse> {
  const followup = await repo.findFollowup(ctx.db, followupId);
  if (!followup || !canFollowUp(ctx.actor, followup)) throw notFound('follow-up');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.resolveFollowup(tx, followupId, ctx.actor.personId, resolution, now);
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: followup.student_id, recordType: 'followup', recordId: followupId, action: 'resolved', before: { resolution: followup.resolution }, after: { resolution } }]);
  });
  return listFollowups(ctx, followup.date);
}
