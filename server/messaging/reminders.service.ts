// "Send a reminder": the school reaches every family until it has reached them. A reminder notifies again, through
// the notification outbox, everyone who has not read an announcement (not acknowledged it, where that was asked for).
// Each reminder is a notification of its own (topic 'announcement.reminder', subject the reminder): push at once,
// e-mail and SMS as the outbox escalates, in each person's language, with their preferences and quiet hours, and
// for a confidential announcement nothing of its title or text.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Ctx } from '../core/context';
import type { ReceiptsResponse, ReminderSent } from '@shared/contracts/messaging';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { translate } from '../i18n/catalogs';
import { enqueueNotifications, registerTopic } from '../notifications/topics.service';
import * as repo from './reminders.repo';
import { canSendReminder } from './reminders.policy';
import { publish } from './events';

export const REMINDER_TOPIC = 'announcement.reminder';

/** One reminder a day per announcement: families are reminded, not pestered. */
export const REMINDER_INTERVAL_MS = 24 * 3_600_000;

/** When the next reminder may be sent, if the last one was too recent; undefined when one may be sent now. */
function nextReminderAt(last: Date | undefined, now: Date): Date | undefined {
  if (!last) return undefined;
  const next = new Date(last.getTime() + REMINDER_INTERVAL_MS);
  return next > now ? next : undefined;
}

/**
 * Sends a reminder of an announcement to everyone who has not read (acknowledged) it and may still read it: the
 * reminder, whom it went to and their outbox rows in one transaction, each set-based. Refused (409) for one that has
 * not gone out (scheduled) or was cancelled, within 24 hours of the last reminder, and when nobody is left to remind.
 */
export async function sendReminder(ctx: Ctx, announcementId: string): Promise<ReminderSent> {
  const a = await repo.findAnnouncementToRemind(ctx.db, announcementId);
  if (!a || !canSendReminder(ctx.actor, a)) throw notFound('announcement');
  const now = ctx.clock.now();
  const reminder = await ctx.db.transaction().execute(async (tx) => {
    // Locked first, so of two reminders sent at once the second sees the first.
    const state = await repo.lockForReminder(tx, announcementId);
    if (state?.cancelled_at) throw new AppError('announcement_cancelled', 'The announcement was cancelled before it went out: there is nobody to remind');
    if (!state?.sent_at) throw new AppError('announcement_not_sent', 'The announcement has not been sent yet: there is nobody to remind');
    const next = nextReminderAt(await repo.findLastReminderAt(tx, announcementId), now);
    if (next) {
      throw new AppError('reminder_too_soon', `A reminder was sent less than 24 hours ago; the next can be sent at ${next.toISOString()}`,
        [{ path: 'nextReminderAt', code: 'reminder_too_soon', message: next.toISOString() }]);
    }
    const r = await repo.insertReminder(tx, { announcementId, sentBy: ctx.actor.personId, at: now, onDate: osloDate(now) });
    if (!r) throw new AppError('nobody_to_remind', 'Everyone who gets the announcement has read it');
    await enqueueNotifications(tx, {
      topic: REMINDER_TOPIC, subjectId: r.id, category: a.category, confidential: a.confidential, at: now,
      recipients: repo.reminderRecipients(tx, r.id),
    });
    return r;
  });
  publish(new Set([a.author_id, ctx.actor.personId]), { type: 'announcement.receipt', id: announcementId });
  return {
    id: reminder.id,
    sentAt: now.toISOString(),
    remindedCount: reminder.reminded_count,
    nextReminderAt: new Date(now.getTime() + REMINDER_INTERVAL_MS).toISOString(),
  };
}

/**
 * What the receipts show of reminders (for readReceipts, after its own access check): those sent, whom one now would
 * reach, when the next may go, and when each recipient was last reminded.
 */
export async function readReminderState(ctx: Ctx, announcementId: string): Promise<{
  reminders: ReceiptsResponse['reminders'];
  remindedAt: (personId: string) => string | null;
}> {
  const now = ctx.clock.now();
  const [sent, remindable, reminded] = await Promise.all([
    repo.findReminders(ctx.db, announcementId),
    repo.countRemindable(ctx.db, announcementId, osloDate(now)),
    repo.findRemindedAt(ctx.db, announcementId),
  ]);
  const byPerson = new Map(reminded.map((r) => [r.person_id, new Date(r.reminded_at).toISOString()]));
  return {
    reminders: {
      sent: sent.map((m) => ({
        id: m.id, sentAt: m.sent_at.toISOString(), sentBy: { givenName: m.given_name, familyName: m.family_name }, remindedCount: m.reminded_count,
      })),
      remindable,
      nextReminderAt: nextReminderAt(sent[0]?.sent_at, now)?.toISOString() ?? null,
    },
    remindedAt: (personId) => byPerson.get(personId) ?? null,
  };
}

/**
 * A reminder in a language: "Reminder from <school>: <title>", why it comes, then the announcement's text; for a
 * confidential announcement only "Reminder from <school> in Tillit" and a line to log in.
 */
async function renderReminder(db: Kysely<DB>, reminderId: string, lang: string, publicUrl: string) {
  const a = await repo.findReminderForNotice(db, reminderId);
  if (!a) return undefined;
  const from = a.school_name ?? a.owner_name;
  const why = translate(lang, a.requires_ack ? 'notify.reminder.unacknowledged' : 'notify.reminder.unread', { from });
  return {
    title: translate(lang, 'notify.reminder.subject', { from, title: a.title }),
    body: `${why}\n\n${a.body}`,
    url: new URL(`/announcements/${a.id}`, publicUrl).toString(),
    // A confidential announcement's reminder names the sender and that it is a reminder, nothing of the text.
    confidential: { title: translate(lang, 'notify.reminder.confidential.subject', { from }), body: translate(lang, 'notify.reminder.confidential', { from }) },
  };
}

registerTopic(REMINDER_TOPIC, {
  render: (db, subjectId, _personId, locale, publicUrl) => renderReminder(db, subjectId, locale, publicUrl),
  // Read (acknowledged) in the meantime: the e-mail or SMS still waiting is no longer needed.
  isRead: (db, subjectId, personId) => repo.hasDoneWhatReminderAsks(db, subjectId, personId),
});
