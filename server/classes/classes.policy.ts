import type { Actor } from '../access/actor';
import type { AddressProtection } from '../db/schema';
import { isDesignatedForProtectedAt, isSchoolLeaderAt, isTeacherOfGroup } from '../access/relations';

/**
 * Domain 1.4: the school's leaders (rektor, avdelingsleder) confirm a guardian's family situation, which lets a
 * parent who does not live with the student in where the owner admits only the registered-residence parent.
 */
export const canConfirmFamilySituation = (actor: Actor, student: { school_id: string }): boolean => isSchoolLeaderAt(actor, student.school_id);

/** A teacher sees only the groups they teach; the school's leaders see every group of their school. */
export function canReadGroupRoster(actor: Actor, group: { id: string; school_id: string }): boolean {
  return isTeacherOfGroup(actor, group.id) || isSchoolLeaderAt(actor, group.school_id);
}

export interface ContactVisibility {
  address: boolean;
  phoneAndEmail: boolean;
}

/**
 * Domain 9.7–9.8. Fortrolig: the address is kept from everyone but staff designated for protected persons.
 * Strengt fortrolig: address, phone and e-mail too. Unprotected: staff who may read the roster see it all.
 */
export function contactVisibilityForStaff(actor: Actor, schoolId: string, protection: AddressProtection): ContactVisibility {
  if (protection === 'none') return { address: true, phoneAndEmail: true };
  const designated = isDesignatedForProtectedAt(actor, schoolId);
  if (protection === 'fortrolig') return { address: designated, phoneAndEmail: true };
  return { address: designated, phoneAndEmail: designated };
}
