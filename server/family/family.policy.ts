import type { Actor, GuardianLink } from '../access/actor';

/**
 * A guardian sees a child's school life only through a relation that grants access:
 * parental responsibility (1.2), the owner's residence rule (1.4) and the age-18 rule (5.1).
 * Without it they see that the child exists and why they have no access, nothing more.
 */
export function canSeeChildDetails(actor: Actor, link: GuardianLink): boolean {
  return link.hasAccess && actor.guardianOf.includes(link);
}
