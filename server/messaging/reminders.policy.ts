import type { Actor } from '../access/actor';
import { canSeeReceipts } from './announcements.policy';

/**
 * A reminder goes to those the receipts show have not read an announcement, so whoever follows its receipts may
 * send one: its author, the leaders of its school, the owner's administrators (canSeeReceipts). Not a guardian, not a
 * teacher of another class, not a leader of another school.
 */
export const canSendReminder = (actor: Actor, a: { author_id: string; school_id: string | null; owner_id: string }): boolean =>
  canSeeReceipts(actor, a);
