// Who may have a text machine translated, and which texts go to the translation service at all. Reading is decided
// where it always is (server/messaging/*.policy.ts): a translation shows nobody anything they could not read.
import type { Actor } from '../access/actor';
import { canReadAsRecipient, canSeeReceipts } from '../messaging/announcements.policy';
import { canReadConversation } from '../messaging/conversations.policy';

/** Whoever may read the announcement: a recipient (while the relation grants access), its author, its school's leaders, the owner's administrators. */
export function canTranslateAnnouncement(
  actor: Actor,
  announcement: { author_id: string; school_id: string | null; owner_id: string; parental_responsibility_only: boolean },
  recipient: { kind: string; student_id: string | null } | undefined,
): boolean {
  return canReadAsRecipient(actor, recipient, announcement) || canSeeReceipts(actor, announcement);
}

/** Whoever reads the conversation now (a guardian while they have access to the student: 5.1). */
export const canTranslateMessage = canReadConversation;

/**
 * An announcement its author marked confidential keeps its text inside Tillit: not in e-mail, push or SMS, and not
 * sent to the translation service either, even the owner's own. Such a text is for a human-checked translation or an
 * interpreter (10.5), which the reader is told to ask the school for. A conversation's messages are translated on
 * request: they are one family's own exchange with the school, and the reader asks for it, one message at a time.
 */
export const mayMachineTranslateAnnouncement = (announcement: { confidential: boolean }): boolean => !announcement.confidential;
