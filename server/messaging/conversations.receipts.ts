// Per message: who has read it, who has not, and how Tillit told each of them (the notification outbox). The
// sender and the staff in the conversation see who has read; only staff see the channels, and a strengt
// fortrolig guardian's only when they may see that guardian's contact details (9.8).
import type { Actor } from '../access/actor';
import type { DeliveryState } from '@shared/contracts/messaging';
import type * as repo from './conversations.repo';
import { canSeeHowNotified, canSeeReceiptsOf } from './conversations.policy';

type Participant = Awaited<ReturnType<typeof repo.findParticipants>>[number];
type Notification = Awaited<ReturnType<typeof repo.findMessageNotifications>>[number];
type Channel = Notification['channel'];

const CHANNEL_ORDER: Channel[] = ['push', 'email', 'sms'];

/** The outbox's status and outcome (server/notifications/notifications.service.ts) in words a teacher can use. */
export function deliveryState(n: { status: string; outcome: string | null }): DeliveryState {
  if (n.status === 'sent') return 'sent';
  if (n.status === 'failed') return 'failed';
  if (n.status === 'sending') return 'sending';
  if (n.status === 'skipped') {
    if (n.outcome === 'already_read') return 'not_needed';
    if (n.outcome === 'turned_off') return 'turned_off';
    if (n.outcome === 'digest') return 'digest';
    return 'not_sent';
  }
  if (n.outcome === 'waiting_for_app') return 'waiting';
  if (n.outcome === 'quiet_hours') return 'quiet_hours';
  if (n.outcome === 'digest') return 'digest';
  if (n.outcome === 'retry') return 'retrying';
  return 'queued';
}

export function receiptsFor(
  actor: Actor,
  schoolId: string,
  active: Participant[],
  message: { id: string; sender_id: string; created_at: Date },
  notifications: Notification[],
  readAt: (p: Participant) => Date | null,
) {
  if (!canSeeReceiptsOf(actor, active, message)) return null;
  return active.filter((p) => p.person_id !== message.sender_id).map((p) => ({
    personId: p.person_id,
    read: (readAt(p)?.getTime() ?? 0) >= message.created_at.getTime(),
    notified: canSeeHowNotified(actor, active, schoolId, p)
      ? notifications
        .filter((n) => n.message_id === message.id && n.person_id === p.person_id)
        .sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel))
        .map((n) => ({ channel: n.channel, state: deliveryState(n) }))
      : null,
  }));
}
