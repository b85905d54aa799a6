// Who may see how far the school reaches its families (the class view's check is canReadGroupRoster).
import type { Actor } from '../access/actor';
import { isSchoolLeaderAt } from '../access/relations';

/**
 * The whole school's reach is for its leaders (rektor, avdelingsleder): exactly those who may open the reach view
 * of every class and AKS group of the school (canReadGroupRoster). Not the owner's administrators, whom the class
 * view refuses too, nor a teacher, who sees only their own groups.
 */
export const canReadSchoolReach = (actor: Actor, school: { id: string }): boolean => isSchoolLeaderAt(actor, school.id);
