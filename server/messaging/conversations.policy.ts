import type { Actor } from '../access/actor';
import { isGuardianWithAccessTo, isSchoolLeaderAt, isTeacherOfGroup } from '../access/relations';
import type { AddressProtection, StaffRole } from '../db/schema';
import { contactVisibilityForStaff } from '../classes/classes.policy';

/** Roles that may write to any family of their school (not the school nurse: domain 1.6). */
const SCHOOL_WIDE_ROLES: readonly StaffRole[] = ['rektor', 'avdelingsleder', 'sosiallaerer', 'miljoarbeider', 'kontor'];

export const canStartConversationAbout = (actor: Actor, studentId: string): boolean => isGuardianWithAccessTo(actor, studentId);

/** Staff write to a family when they teach the student or hold a school-wide role at the student's school. */
export function canWriteToFamilyOf(actor: Actor, student: { schoolId: string; groupIds: string[] }): boolean {
  return (
    student.groupIds.some((g) => isTeacherOfGroup(actor, g)) ||
    isSchoolLeaderAt(actor, student.schoolId) ||
    actor.staff.some((s) => s.schoolId === student.schoolId && SCHOOL_WIDE_ROLES.includes(s.role))
  );
}

interface ParticipantRow { person_id: string; kind: string; removed_at: Date | null }

/**
 * An active participant reads the conversation. A guardian also needs access to the student right now:
 * the 18th birthday (5.1) or a lost parental responsibility closes old threads too.
 */
export function canReadConversation(actor: Actor, conversation: { student_id: string }, participants: ParticipantRow[]): boolean {
  const me = participants.find((p) => p.person_id === actor.personId && p.removed_at === null);
  if (!me) return false;
  return me.kind !== 'guardian' || isGuardianWithAccessTo(actor, conversation.student_id);
}

/** Staff in the conversation decide who else is in it (1.5: the contact teacher can add colleagues). */
export function canManageParticipants(actor: Actor, participants: ParticipantRow[]): boolean {
  return participants.some((p) => p.person_id === actor.personId && p.kind === 'staff' && p.removed_at === null);
}

/** Staff judge the tone of their own messages (positive / neutral / concern); a guardian's message is neutral. */
export const canSetTone = (actor: Actor, participants: ParticipantRow[]): boolean => canManageParticipants(actor, participants);

/** Who read a message, and who has not: shown to staff in the conversation and to the message's sender. */
export function canSeeReceiptsOf(actor: Actor, participants: ParticipantRow[], message: { sender_id: string }): boolean {
  return message.sender_id === actor.personId || canManageParticipants(actor, participants);
}

/**
 * How a person was notified (push, e-mail, SMS) says which contact details Tillit holds: staff see it as they
 * would see those details in a roster (9.8: for a strengt fortrolig guardian, only staff designated for it).
 */
export function canSeeHowNotified(actor: Actor, participants: ParticipantRow[], schoolId: string, person: { address_protection: AddressProtection }): boolean {
  return canManageParticipants(actor, participants) && contactVisibilityForStaff(actor, schoolId, person.address_protection).phoneAndEmail;
}

/**
 * 9.9: a guardian joins the guardians already in a conversation only when neither side has a protected
 * address; where one has, each parent has a conversation of their own.
 */
export function canGuardianJoin(guardian: { address_protection: AddressProtection }, present: { address_protection: AddressProtection }[]): boolean {
  return present.length === 0 || (guardian.address_protection === 'none' && present.every((p) => p.address_protection === 'none'));
}
