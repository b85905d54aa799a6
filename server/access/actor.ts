// Who is asking, and through which relations. Loaded once per request from the session;
// policies read it and never query the database themselves.
import type { AddressProtection, StaffRole } from '../db/schema';

export interface StaffRoleRef {
  schoolId: string;
  role: StaffRole;
  groupId: string | null;
  designatedForProtected: boolean;
}

export interface GuardianLink {
  studentId: string;
  schoolId: string;
  parentalResponsibility: boolean;
  /** The relation grants access now: parental responsibility, the owner's residence rule and the age-18 rule applied. */
  hasAccess: boolean;
  /** Why not, when hasAccess is false. */
  noAccessReason: 'no_parental_responsibility' | 'residence_not_confirmed' | 'student_adult' | null;
}

export interface Actor {
  userId: string;
  personId: string;
  givenName: string;
  familyName: string;
  locale: string | null;
  preferredLanguage: string;
  addressProtection: AddressProtection;
  staff: StaffRoleRef[];
  guardianOf: GuardianLink[];
  ownerAdminOf: string[];
}
