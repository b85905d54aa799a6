// Who may do what with absence and leave, built from the named relations. A guardian acts only for a child they
// have access to now (parental responsibility, the residence rule and age 18 applied: 1.2–1.4, 5.1).
import type { Actor } from '../access/actor';
import { isAksBaseLeaderOf, isContactTeacherOf, isGuardianWithAccessTo, isOwnerAdminOf, isSchoolLeaderAt, isTeacherOfGroup } from '../access/relations';

/** Where a student belongs: their school and the groups (class, AKS) they are enrolled in. */
export interface StudentPlace {
  studentId: string;
  schoolId: string;
  groupIds: string[];
}

export const canReportAbsenceFor = (actor: Actor, studentId: string): boolean => isGuardianWithAccessTo(actor, studentId);

export const canApplyForLeaveFor = (actor: Actor, studentId: string): boolean => isGuardianWithAccessTo(actor, studentId);

/** The student's guardians with access, the staff who teach or lead one of the student's groups, and school leaders. */
export const canReadAbsenceOf = (actor: Actor, student: StudentPlace): boolean =>
  isGuardianWithAccessTo(actor, student.studentId) ||
  student.groupIds.some((g) => isTeacherOfGroup(actor, g)) ||
  isSchoolLeaderAt(actor, student.schoolId);

/**
 * A leave application, with the family's own words on why: the guardians with access, those who may decide it
 * (the contact teacher of the student's class, the school's leaders), the same people who have it in their list.
 * A subject teacher or the AKS base leader sees the days as leave in the register, not the application.
 */
export const canReadLeaveOf = (actor: Actor, student: StudentPlace): boolean =>
  isGuardianWithAccessTo(actor, student.studentId) ||
  student.groupIds.some((g) => isContactTeacherOf(actor, g)) ||
  isSchoolLeaderAt(actor, student.schoolId);

/** A report is changed by a guardian with access to the child (either of them, not only the one who wrote it). */
export const canChangeReport = (actor: Actor, report: { student_id: string }): boolean => isGuardianWithAccessTo(actor, report.student_id);

/** The register of a group is kept by those who teach or lead it, and by the school's leaders. */
export const canKeepRegister = (actor: Actor, group: { id: string; school_id: string }): boolean =>
  isTeacherOfGroup(actor, group.id) || isSchoolLeaderAt(actor, group.school_id);

/** Absence overviews of a group: its contact teacher (and AKS base leader for AKS), and the school's leaders. */
export const canOverseeGroup = (actor: Actor, group: { id: string; school_id: string }): boolean =>
  isContactTeacherOf(actor, group.id) || isAksBaseLeaderOf(actor, group.id) || isSchoolLeaderAt(actor, group.school_id);

export const canOverseeSchool = (actor: Actor, schoolId: string): boolean => isSchoolLeaderAt(actor, schoolId);

/** The follow-up of one student's unexplained absence: the contact teacher of the class, or a leader. */
export const canFollowUp = (actor: Actor, followup: { group_id: string; school_id: string }): boolean =>
  isContactTeacherOf(actor, followup.group_id) || isSchoolLeaderAt(actor, followup.school_id);

export const canSetSchoolAbsenceSettings = (actor: Actor, school: { id: string; owner_id: string }): boolean =>
  isSchoolLeaderAt(actor, school.id) || isOwnerAdminOf(actor, school.owner_id);

/** The owner's rules are the owner's: read by its admins and the leaders of its schools, set by its admins. */
export const canReadOwnerRules = (actor: Actor, ownerId: string, ownerSchoolIds: string[]): boolean =>
  isOwnerAdminOf(actor, ownerId) || ownerSchoolIds.some((s) => isSchoolLeaderAt(actor, s));

export const canSetOwnerRules = (actor: Actor, ownerId: string): boolean => isOwnerAdminOf(actor, ownerId);

/**
 * Who decides leave (3.7): the rektor (or avdelingsleder) always; the contact teacher of the student's class when
 * the owner's rules let the contact teacher decide leave of this length.
 */
export function canDecideLeave(actor: Actor, application: { school_id: string }, place: StudentPlace, decider: 'kontaktlaerer' | 'rektor'): boolean {
  if (isSchoolLeaderAt(actor, application.school_id)) return true;
  return decider === 'kontaktlaerer' && place.groupIds.some((g) => isContactTeacherOf(actor, g));
}

/**
 * Documentation for absence (3.11) is accepted by the school: the student's contact teacher, the office and
 * the rådgiver/sosiallærer who receive it, and the leaders.
 */
export const canDocumentAbsenceOf = (actor: Actor, student: StudentPlace): boolean =>
  student.groupIds.some((g) => isContactTeacherOf(actor, g)) ||
  isSchoolLeaderAt(actor, student.schoolId) ||
  actor.staff.some((s) => s.schoolId === student.schoolId && (s.role === 'kontor' || s.role === 'sosiallaerer'));
