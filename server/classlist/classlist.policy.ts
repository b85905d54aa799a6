import type { Actor } from '../access/actor';
import { isContactTeacherOf, isGuardianWithAccessTo } from '../access/relations';

/**
 * Domain 9.5: the class list is for guardians (with access, so of under-18 pupils) of a child in the class,
 * and for its contact teacher.
 */
export function canReadClassList(actor: Actor, group: { id: string; kind: string }, studentIdsInGroup: string[]): boolean {
  if (group.kind !== 'class') return false;
  return isContactTeacherOf(actor, group.id) || studentIdsInGroup.some((id) => isGuardianWithAccessTo(actor, id));
}

/** Each guardian decides only for themselves, for a child they have access to. */
export const canChooseClassListSharing = (actor: Actor, studentId: string): boolean => isGuardianWithAccessTo(actor, studentId);
