// How other modules notify people. A module registers its topic once (how to write it in a language, and how
// to tell whether the person has already seen it in the app), then queues notifications for a set of
// recipients in its own transaction:
//
//   registerTopic('absence-alert', { render: …, isRead: … });              // at module load
//   await enqueueNotifications(tx, {
//     topic: 'absence-alert', subjectId: alert.id, category: 'urgent', confidential: true, at: ctx.clock.now(),
//     recipients: absenceRepo.guardiansToAlert(tx, alert.id),             // a SELECT yielding person_id
//   });
//
// The worker (notifications.service.ts) then sends push at once, e-mail and SMS after the escalation delay unless
// isRead says the person has seen it, respects choices and quiet hours, and writes in the person's language.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { NotificationCategory } from './notifications.tables';
import { enqueueForRecipients, enqueueForSubjects, type RecipientsQuery, type SubjectRecipientsQuery } from './notifications.repo';

export interface RenderedNotification {
  /** A short headline: an e-mail's subject, a push notification's title. */
  title: string;
  /** The text: an e-mail's body, a push's body (cut short). Never sent for a confidential notification. */
  body: string;
  /** Where in Tillit the person reads it. */
  url: string;
  /**
   * What it says instead when the notification is confidential: a headline and a line that name the kind and the
   * sender, never the subject's own words. Without it, the generic "a new message in Tillit".
   */
  confidential?: { title: string; body: string };
}

export interface TopicDefinition {
  /** Written for one person in a language Tillit has a catalog for; undefined when the subject no longer exists. */
  render(db: Kysely<DB>, subjectId: string, personId: string, locale: string, publicUrl: string): Promise<RenderedNotification | undefined>;
  /** Seen in the app already: no e-mail or SMS needed any more. */
  isRead(db: Kysely<DB>, subjectId: string, personId: string): Promise<boolean>;
}

const topics = new Map<string, TopicDefinition>();

/** Registers a topic by name; registering the same name twice is a mistake (two modules would compete). */
export function registerTopic(name: string, topic: TopicDefinition): void {
  if (['announcement', 'message'].includes(name)) throw new Error(`The topic '${name}' is built in`);
  if (topics.has(name) && topics.get(name) !== topic) throw new Error(`The topic '${name}' is registered twice`);
  topics.set(name, topic);
}

export const findTopic = (name: string): TopicDefinition | undefined => topics.get(name);

export interface NewNotifications {
  topic: string;
  /** What the notification is about (an alert, a booking…); with the topic, it names it in the outbox. */
  subjectId: string;
  category: NotificationCategory;
  /** Only "You have a new message in Tillit" leaves Tillit: no title or body in e-mails, pushes or SMS. */
  confidential: boolean;
  /** When it was created: the escalation delay counts from here. */
  at: Date;
  recipients: RecipientsQuery;
}

/** Queues the notifications of a set of recipients in one INSERT … SELECT. Each exists once per person and channel. */
export async function enqueueNotifications(db: Kysely<DB> | Transaction<DB>, n: NewNotifications): Promise<void> {
  if (!topics.has(n.topic)) throw new Error(`No topic '${n.topic}' is registered: call registerTopic first`);
  await enqueueForRecipients(db, n);
}

/** Many subjects of one topic in one INSERT … SELECT: `recipients` yields (person_id, subject_id) pairs. */
export async function enqueueNotificationsForSubjects(db: Kysely<DB> | Transaction<DB>, n: Omit<NewNotifications, 'subjectId' | 'recipients'> & { recipients: SubjectRecipientsQuery }): Promise<void> {
  if (!topics.has(n.topic)) throw new Error(`No topic '${n.topic}' is registered: call registerTopic first`);
  await enqueueForSubjects(db, n);
}
