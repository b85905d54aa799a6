// The absence module's topics in the notification outbox (server/notifications/topics.service.ts): the urgent
// alert of unexplained absence (3.2) and the notice of a leave decision (3.9), each to every guardian with access.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { translate } from '../i18n/catalogs';
import { enqueueNotifications, enqueueNotificationsForSubjects, registerTopic } from '../notifications/topics.service';
import type { Db } from './absence.repo';
import { findFollowupForNotice, findLeaveForNotice, isFamilyHeardFrom, leaveDecisionRecipients, unexplainedAbsenceRecipients } from './outbox.repo';

/** "X is not registered at school today, and no absence has been reported": urgent, so push, e-mail and SMS at once. */
export const UNEXPLAINED_ABSENCE_TOPIC = 'absence.unexplained';
/** A leave decision (an enkeltvedtak): the notice says a decision was made; the decision itself is read in Tillit. */
export const LEAVE_DECISION_TOPIC = 'leave.decision';

/** The urgent alerts of a school's morning, in the caller's transaction: one INSERT … SELECT for all its follow-ups. */
export async function alertUnexplainedAbsences(tx: Db, followupIds: string[], at: Date): Promise<void> {
  if (followupIds.length === 0) return;
  await enqueueNotificationsForSubjects(tx, { topic: UNEXPLAINED_ABSENCE_TOPIC, category: 'urgent', confidential: false, at, recipients: unexplainedAbsenceRecipients(tx, followupIds) });
}

/** Both homes are told that a leave decision was made (1.3, 3.9), in the deciding transaction. */
export async function noticeLeaveDecision(tx: Db, applicationId: string, onDate: string, at: Date): Promise<void> {
  await enqueueNotifications(tx, { topic: LEAVE_DECISION_TOPIC, subjectId: applicationId, category: 'information', confidential: false, at, recipients: leaveDecisionRecipients(tx, applicationId, onDate) });
}

async function renderUnexplained(db: Kysely<DB>, followupId: string, lang: string, publicUrl: string) {
  const f = await findFollowupForNotice(db, followupId);
  if (!f) return undefined;
  return {
    title: translate(lang, 'absence.notify.unexplained.subject', { name: f.given_name }),
    body: translate(lang, 'absence.notify.unexplained.body', { name: f.given_name, school: f.school, phone: f.office_phone ?? '' }),
    url: new URL('/absence', publicUrl).toString(),
  };
}

async function renderLeaveDecision(db: Kysely<DB>, applicationId: string, lang: string, publicUrl: string) {
  const l = await findLeaveForNotice(db, applicationId);
  if (!l) return undefined;
  return {
    title: translate(lang, 'absence.notify.leave.subject', { name: l.given_name }),
    body: translate(lang, 'absence.notify.leave.body', { name: l.given_name, school: l.school }),
    url: new URL(`/leave/${applicationId}`, publicUrl).toString(),
  };
}

registerTopic(UNEXPLAINED_ABSENCE_TOPIC, {
  render: (db, subjectId, _personId, locale, publicUrl) => renderUnexplained(db, subjectId, locale, publicUrl),
  // Once the family has reported (or the teacher has reached them), an alert not yet sent is no longer needed.
  isRead: (db, subjectId) => isFamilyHeardFrom(db, subjectId),
});

registerTopic(LEAVE_DECISION_TOPIC, {
  render: (db, subjectId, _personId, locale, publicUrl) => renderLeaveDecision(db, subjectId, locale, publicUrl),
  isRead: async () => false,
});
