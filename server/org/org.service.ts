import type { Ctx } from '../core/context';
import type { MeResponse, OwnerOverviewResponse, OwnerSettings, SchoolOverviewResponse } from '@shared/contracts/people';
import { notFound } from '../core/errors';
import { auditChanges } from '../audit/audit.service';
import * as repo from './org.repo';
import { canManageOwnerSettings, canReadOwnerOverview, canReadSchoolOverview } from './org.policy';

/** Who I am: the sections of the home page that apply to me follow from these relations. */
export async function readMe(ctx: Ctx): Promise<MeResponse> {
  const { actor } = ctx;
  const [schools, groups, owners] = await Promise.all([
    repo.findSchoolsByIds(ctx.db, [...new Set(actor.staff.map((s) => s.schoolId))]),
    repo.findGroupsByIds(ctx.db, actor.staff.flatMap((s) => (s.groupId ? [s.groupId] : []))),
    repo.findOwnersByIds(ctx.db, actor.ownerAdminOf),
  ]);
  return {
    userId: actor.userId,
    person: { id: actor.personId, givenName: actor.givenName, familyName: actor.familyName },
    locale: actor.locale,
    preferredLanguage: actor.preferredLanguage,
    isGuardian: actor.guardianOf.length > 0,
    staff: actor.staff.map((s) => {
      const school = schools.find((x) => x.id === s.schoolId)!;
      const group = groups.find((g) => g.id === s.groupId);
      return { school: { id: school.id, name: school.name }, role: s.role, group: group ?? null };
    }),
    ownerAdminOf: owners.map((o) => ({ id: o.id, name: o.name })),
  };
}

export async function readSchoolOverview(ctx: Ctx, schoolId: string): Promise<SchoolOverviewResponse> {
  const [school] = await repo.findSchoolsByIds(ctx.db, [schoolId]);
  if (!school || !canReadSchoolOverview(ctx.actor, school)) throw notFound('school');
  const [groups, staffRows] = await Promise.all([repo.findGroupsOfSchool(ctx.db, schoolId), repo.findStaffOfSchool(ctx.db, schoolId)]);

  const staff = new Map<string, SchoolOverviewResponse['staff'][number]>();
  for (const r of staffRows) {
    const entry = staff.get(r.id) ?? { id: r.id, givenName: r.given_name, familyName: r.family_name, roles: [] };
    entry.roles.push({ role: r.role, groupName: r.group_name });
    staff.set(r.id, entry);
  }
  return {
    school: { id: school.id, name: school.name, kind: school.kind, orgNumber: school.org_number },
    groups: groups.map((g) => ({
      id: g.id, name: g.name, kind: g.kind, level: g.level, studentCount: g.student_count,
      contactTeachers: staffRows
        .filter((r) => r.group_id === g.id && (r.role === 'kontaktlaerer' || r.role === 'aks_baseleder'))
        .map((r) => ({ id: r.id, givenName: r.given_name, familyName: r.family_name })),
    })),
    staff: [...staff.values()],
  };
}

export async function readOwnerOverview(ctx: Ctx, ownerId: string): Promise<OwnerOverviewResponse> {
  const [owner] = await repo.findOwnersByIds(ctx.db, [ownerId]);
  if (!owner || !canReadOwnerOverview(ctx.actor, ownerId)) throw notFound('school owner');
  const schools = await repo.findSchoolsOfOwner(ctx.db, ownerId);
  return {
    owner,
    schools: schools.map((s) => ({ id: s.id, name: s.name, kind: s.kind, studentCount: s.student_count ?? 0, groupCount: s.group_count ?? 0 })),
  };
}

/** Domain 1.4: whether only the registered-residence parent has access until the school confirms the family. */
export async function readOwnerSettings(ctx: Ctx, ownerId: string): Promise<OwnerSettings> {
  const owner = await repo.findOwnerSettings(ctx.db, ownerId);
  if (!owner || !canManageOwnerSettings(ctx.actor, ownerId)) throw notFound('school owner');
  return { residenceParentOnlyUntilConfirmed: owner.residence_parent_only_until_confirmed };
}

/**
 * Turning the rule on takes access from every guardian who does not live with the student and whose family the
 * school has not confirmed (access/actor.repo.ts and guardianship_access() read the column; the write empties
 * the actor cache). The change is written to the audit log.
 */
export async function setOwnerSettings(ctx: Ctx, ownerId: string, input: OwnerSettings): Promise<OwnerSettings> {
  const owner = await repo.findOwnerSettings(ctx.db, ownerId);
  if (!owner || !canManageOwnerSettings(ctx.actor, ownerId)) throw notFound('school owner');
  const value = input.residenceParentOnlyUntilConfirmed;
  if (value !== owner.residence_parent_only_until_confirmed) {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.updateOwnerSettings(tx, ownerId, { residence_parent_only_until_confirmed: value });
      await auditChanges({ ...ctx, db: tx }, [{ action: 'owner_settings.changed', subjectType: 'school_owner', subjectId: ownerId, details: { residenceParentOnlyUntilConfirmed: value } }]);
    });
  }
  return { residenceParentOnlyUntilConfirmed: value };
}
