import type { Ctx } from '../core/context';
import type { ClassRosterResponse, ConfirmSituationResponse } from '@shared/contracts/people';
import { forbidden, notFound } from '../core/errors';
import { auditChanges, auditReads } from '../audit/audit.service';
import * as repo from './classes.repo';
import { canConfirmFamilySituation, canReadGroupRoster, contactVisibilityForStaff } from './classes.policy';

type PersonRow = Awaited<ReturnType<typeof repo.findStudentsInGroup>>[number];

const formatAddress = (p: PersonRow): string | null =>
  p.street_address ? [p.street_address, [p.postal_code, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null;

/** A class (or AKS group) as its teacher sees it: students, their guardians, and what may be shown of each. */
export async function readGroupRoster(ctx: Ctx, groupId: string): Promise<ClassRosterResponse> {
  const group = await repo.findGroup(ctx.db, groupId);
  if (!group || !canReadGroupRoster(ctx.actor, group)) throw notFound('group');

  const [students, guardians, teachers] = await Promise.all([
    repo.findStudentsInGroup(ctx.db, groupId),
    repo.findGuardiansOfGroup(ctx.db, groupId),
    repo.findGroupLeaders(ctx.db, group),
  ]);
  const protectedShown: string[] = [];
  const visibility = (p: PersonRow) => {
    const v = contactVisibilityForStaff(ctx.actor, group.school_id, p.address_protection);
    if (p.address_protection !== 'none' && v.address) protectedShown.push(p.id);
    return v;
  };

  const result: ClassRosterResponse = {
    group: { id: group.id, name: group.name, kind: group.kind, level: group.level, schoolId: group.school_id, schoolName: group.school_name },
    contactTeachers: teachers.map((t) => ({ id: t.id, givenName: t.given_name, familyName: t.family_name })),
    students: students.map((s) => {
      const sv = visibility(s);
      return {
        id: s.id,
        givenName: s.given_name,
        familyName: s.family_name,
        birthDate: s.birth_date,
        address: sv.address ? formatAddress(s) : null,
        addressProtected: s.address_protection !== 'none',
        guardians: guardians.filter((g) => g.student_id === s.id).map((g) => {
          const gv = visibility(g);
          return {
            id: g.id,
            givenName: g.given_name,
            familyName: g.family_name,
            parentalResponsibility: g.parental_responsibility,
            livesWith: g.lives_with,
            email: gv.phoneAndEmail ? g.email : null,
            phone: gv.phoneAndEmail ? g.phone : null,
            address: gv.address ? formatAddress(g) : null,
            detailsProtected: g.address_protection !== 'none' && !(gv.address && gv.phoneAndEmail),
            preferredLanguage: g.preferred_language,
            interpreterNeeded: g.interpreter_needed,
            situationUnconfirmed: group.residence_parent_only_until_confirmed && !g.lives_with && !g.situation_confirmed,
          };
        }),
      };
    }),
    canConfirmSituation: canConfirmFamilySituation(ctx.actor, group),
  };
  await auditReads(ctx, [
    { action: 'group_roster.read', subjectType: 'group', subjectId: group.id },
    ...[...new Set(protectedShown)].map((id) => ({ action: 'protected_details.read', subjectType: 'person', subjectId: id })),
  ]);
  return result;
}

/**
 * Domain 1.4: a leader of the student's school confirms a guardian's family situation; where the owner admits
 * only the registered-residence parent until then, the guardian has access from the next request (the write
 * empties the actor cache). Staff who see the family on a roster but may not confirm get 403, everyone else
 * 404. The confirmation is written to the audit log.
 */
export async function confirmFamilySituation(ctx: Ctx, studentId: string, guardianId: string): Promise<ConfirmSituationResponse> {
  const link = await repo.findGuardianship(ctx.db, studentId, guardianId);
  if (!link) throw notFound('guardian');
  if (!canConfirmFamilySituation(ctx.actor, link)) {
    if (link.group_ids.some((id) => canReadGroupRoster(ctx.actor, { id, school_id: link.school_id }))) {
      throw forbidden("Only the school's leaders confirm a family situation");
    }
    throw notFound('guardian');
  }
  if (!link.situation_confirmed) {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.confirmSituation(tx, studentId, guardianId);
      await auditChanges({ ...ctx, db: tx }, [{ action: 'family_situation.confirmed', subjectType: 'person', subjectId: guardianId, details: { studentId } }]);
    });
  }
  return { studentId, guardianId, situationConfirmed: true };
}
