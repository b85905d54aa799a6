// The named relations that grant access. Policies in each module are built from these,
// so the relation that lets someone in is visible in the policy's code.
import type { Actor } from './actor';
import type { StaffRole } from '../db/schema';

const LEADER_ROLES: readonly StaffRole[] = ['rektor', 'avdelingsleder'];

export const isGuardianWithAccessTo = (actor: Actor, studentId: string): boolean =>
  actor.guardianOf.some((g) => g.studentId === studentId && g.hasAccess);

export const isStaffAt = (actor: Actor, schoolId: string): boolean => actor.staff.some((s) => s.schoolId === schoolId);

export const isSchoolLeaderAt = (actor: Actor, schoolId: string): boolean =>
  actor.staff.some((s) => s.schoolId === schoolId && LEADER_ROLES.includes(s.role));

export const isContactTeacherOf = (actor: Actor, groupId: string): boolean =>
  actor.staff.some((s) => s.groupId === groupId && s.role === 'kontaktlaerer');

export const isAksBaseLeaderOf = (actor: Actor, groupId: string): boolean =>
  actor.staff.some((s) => s.groupId === groupId && s.role === 'aks_baseleder');

/** Teaches or leads this group: the contact teacher, a subject teacher of it, or its AKS base leader. */
export const isTeacherOfGroup = (actor: Actor, groupId: string): boolean =>
  actor.staff.some((s) => s.groupId === groupId && (s.role === 'kontaktlaerer' || s.role === 'faglaerer' || s.role === 'aks_baseleder'));

export const isOwnerAdminOf = (actor: Actor, ownerId: string): boolean => actor.ownerAdminOf.includes(ownerId);

/** Domain 9.8: strengt fortrolig details are shown only to staff designated for them at that school. */
export const isDesignatedForProtectedAt = (actor: Actor, schoolId: string): boolean =>
  actor.staff.some((s) => s.schoolId === schoolId && s.designatedForProtected);
