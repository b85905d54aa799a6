import type { Actor } from '../access/actor';
import type { Audience } from '@shared/contracts/messaging';
import type { AddressProtection } from '../db/schema';
import { isOwnerAdminOf, isSchoolLeaderAt, isTeacherOfGroup } from '../access/relations';
import { contactVisibilityForStaff } from '../classes/classes.policy';

const isLeaderOrOfficeAt = (actor: Actor, schoolId: string): boolean =>
  isSchoolLeaderAt(actor, schoolId) || actor.staff.some((s) => s.schoolId === schoolId && s.role === 'kontor');

/** A group (class or AKS) and its students: its teachers and AKS base leader, or the school's leaders and office. */
export const canAnnounceToGroup = (actor: Actor, group: { id: string; school_id: string }): boolean =>
  isTeacherOfGroup(actor, group.id) || isLeaderOrOfficeAt(actor, group.school_id);

/** The whole school, or some of its levels: its leaders and office, and the owner's administrators. */
export const canAnnounceToSchool = (actor: Actor, school: { id: string; owner_id: string }): boolean =>
  isLeaderOrOfficeAt(actor, school.id) || isOwnerAdminOf(actor, school.owner_id);

/**
 * Who may announce to whom: a teacher to the groups they teach (or some of their students), the school's
 * leaders and office to any part of their school, the owner's administrators to every school of the owner.
 */
export function canAnnounceTo(actor: Actor, audience: Audience, scope: { student_id: string | null; group_id: string | null; school_id: string }[], ownerOfSchool?: string): boolean {
  switch (audience.type) {
    case 'groups':
      return scope.length === audience.groupIds.length && scope.every((g) => canAnnounceToGroup(actor, { id: g.group_id!, school_id: g.school_id }));
    case 'students':
      return audience.studentIds.every((id) => {
        const rows = scope.filter((s) => s.student_id === id);
        return rows.length > 0 && rows.some((s) => isLeaderOrOfficeAt(actor, s.school_id) || (s.group_id !== null && isTeacherOfGroup(actor, s.group_id)));
      });
    case 'levels':
    case 'school':
      return ownerOfSchool !== undefined && canAnnounceToSchool(actor, { id: audience.schoolId, owner_id: ownerOfSchool });
    case 'owner':
      return isOwnerAdminOf(actor, audience.ownerId);
  }
}

/**
 * A recipient reads an announcement; a guardian only while the relation it came through still grants access
 * (the 18th birthday closes it, 5.1). A parent without parental responsibility reads what was sent to them
 * deliberately (the school unticked "only parents with parental responsibility").
 */
export function canReadAsRecipient(
  actor: Actor,
  recipient: { kind: string; student_id: string | null } | undefined,
  announcement: { parental_responsibility_only: boolean },
): boolean {
  if (!recipient) return false;
  if (recipient.kind !== 'guardian' || !recipient.student_id) return true;
  const link = actor.guardianOf.find((g) => g.studentId === recipient.student_id);
  if (!link) return false;
  return link.hasAccess || (link.noAccessReason === 'no_parental_responsibility' && !announcement.parental_responsibility_only);
}

/** Receipts are for the author and for the leaders of the school (or the owner's administrators). */
export function canSeeReceipts(actor: Actor, a: { author_id: string; school_id: string | null; owner_id: string }): boolean {
  return a.author_id === actor.personId || (a.school_id !== null && isSchoolLeaderAt(actor, a.school_id)) || isOwnerAdminOf(actor, a.owner_id);
}

/**
 * Who has a list of sent announcements: staff and the owner's administrators (a guardian sends none). What the list
 * holds is sentListScope's: exactly the announcements canSeeReceipts lets them follow.
 */
export const canListSentAnnouncements = (actor: Actor): boolean => actor.staff.length > 0 || actor.ownerAdminOf.length > 0;

/**
 * The announcements whose receipts someone may see (canSeeReceipts), as the list asks for them in SQL: those they
 * wrote, those of the schools they lead, those of the owners they administer.
 */
export function sentListScope(actor: Actor): { authorId: string; schoolIds: string[]; ownerIds: string[] } {
  const schoolIds = [...new Set(actor.staff.map((s) => s.schoolId))].filter((id) => isSchoolLeaderAt(actor, id));
  return { authorId: actor.personId, schoolIds, ownerIds: [...actor.ownerAdminOf] };
}

/**
 * A scheduled announcement is cancelled, or changed before it goes, by its author or a leader of its school (not by
 * the owner's administrators, who follow the receipts of every school but did not decide to send it). Once sent,
 * nobody can: see the service. A changed audience must also pass canAnnounceTo for the one who changes it.
 */
export function canCancelAnnouncement(actor: Actor, a: { author_id: string; school_id: string | null }): boolean {
  return a.author_id === actor.personId || (a.school_id !== null && isSchoolLeaderAt(actor, a.school_id));
}

/**
 * How a recipient was notified (push, e-mail, SMS) says which contact details Tillit holds for them: shown as those
 * details are in a roster of the recipient's school (9.8: for strengt fortrolig, only to staff designated for it).
 */
export function canSeeHowNotified(actor: Actor, recipient: { school_id: string | null; address_protection: AddressProtection }): boolean {
  if (recipient.address_protection === 'none') return true;
  return recipient.school_id !== null && contactVisibilityForStaff(actor, recipient.school_id, recipient.address_protection).phoneAndEmail;
}
