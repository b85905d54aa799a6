import type { Actor } from '../access/actor';
import { isOwnerAdminOf, isSchoolLeaderAt } from '../access/relations';

/** The school overview (all classes and staff) is for the school's leaders and its owner's administrators. */
export const canReadSchoolOverview = (actor: Actor, school: { id: string; owner_id: string }): boolean =>
  isSchoolLeaderAt(actor, school.id) || isOwnerAdminOf(actor, school.owner_id);

export const canReadOwnerOverview = (actor: Actor, ownerId: string): boolean => isOwnerAdminOf(actor, ownerId);

/** Domain 1.4: the owner's own settings (the residence rule) are read and set by the owner's administrators only. */
export const canManageOwnerSettings = (actor: Actor, ownerId: string): boolean => isOwnerAdminOf(actor, ownerId);
