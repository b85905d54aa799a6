import type { Ctx } from '../core/context';
import type { ChildCard } from '@shared/contracts/people';
import * as repo from './family.repo';
import { canSeeChildDetails } from './family.policy';

const contact = (p: { id: string; given_name: string; family_name: string }) => ({ id: p.id, givenName: p.given_name, familyName: p.family_name });

/** The guardian's children, each with "who do I contact?": contact teacher, AKS base leader, school office. */
export async function listMyChildren(ctx: Ctx): Promise<ChildCard[]> {
  const links = ctx.actor.guardianOf;
  const visible = links.filter((l) => canSeeChildDetails(ctx.actor, l)).map((l) => l.studentId);
  const [students, groups] = await Promise.all([
    repo.findStudentsWithSchools(ctx.db, links.map((l) => l.studentId)),
    repo.findGroupsOfStudents(ctx.db, visible),
  ]);
  const leaders = await repo.findGroupLeaders(ctx.db, groups.map((g) => g.id));

  return students.map((s) => {
    const link = links.find((l) => l.studentId === s.id)!;
    const full = canSeeChildDetails(ctx.actor, link);
    const mine = full ? groups.filter((g) => g.student_id === s.id) : [];
    const cls = mine.find((g) => g.kind === 'class');
    const aks = mine.find((g) => g.kind === 'aks');
    const leadersOf = (groupId: string | undefined, role: string) =>
      leaders.filter((l) => l.group_id === groupId && l.role === role).map(contact);
    const groupRef = (g: (typeof mine)[number]) => ({ id: g.id, name: g.name, kind: g.kind, level: g.level });
    return {
      student: contact(s),
      school: { id: s.school_id, name: s.school_name, officePhone: s.office_phone, officeEmail: s.office_email },
      access: link.noAccessReason ?? 'full',
      class: cls ? groupRef(cls) : null,
      contactTeachers: leadersOf(cls?.id, 'kontaktlaerer'),
      aks: aks ? { group: groupRef(aks), baseLeaders: leadersOf(aks.id, 'aks_baseleder') } : null,
    };
  });
}
