// Delivers the outbox: each due notification is claimed with a lease, checked (already read? the person's
// preference? quiet hours?), written in the recipient's language, sent, and marked. A crash leaves the lease
// to run out, and another pass takes the notification again.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SystemCtx } from '../core/context';
import type { NotificationCategory } from './notifications.tables';
import type { Channels } from './channels';
import { isSupportedLocale, translate } from '../i18n/catalogs';
import { osloDate, osloMidnight, osloTime } from '@shared/dates';
import * as repo from './notifications.repo';
import { NoPushSubscriptionError } from './push.service';
import { AddressRejectedError } from './channels';
import { findTopic, type TopicDefinition } from './topics.service';
import { nextOccurrence } from '../jobs/queue';

export interface NotifyOptions {
  /** Minutes before an unread announcement is also sent by e-mail (urgent ones go at once). */
  emailAfterMinutes: number;
  publicUrl: string;
  /** How long a claimed notification is held before another worker may take it over (default a minute). */
  leaseMs?: number;
}

const LEASE_MS = 60_000;
/** When the daily digest goes out (Oslo time), for categories a person set to 'digest'. */
export const DIGEST_AT = '17:00';
const MAX_ATTEMPTS = 5;
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' });

/**
 * Queues the push, e-mails (and SMS) for an announcement that has just been fanned out, in its transaction. A
 * confidential one leaves Tillit only as "You have a new announcement from …".
 */
export async function notifyAnnouncement(db: Kysely<DB> | Transaction<DB>, a: { id: string; category: NotificationCategory; confidential: boolean; at: Date }) {
  await repo.enqueueForAnnouncement(db, a);
}

/**
 * Queues the notifications of new conversation messages written at one time, each to the other participants of its
 * conversation, in their transaction: one statement however many conversations were written to.
 */
export async function notifyMessages(db: Kysely<DB> | Transaction<DB>, batch: { at: Date; messages: { messageId: string; conversationId: string; senderId: string }[] }) {
  await repo.enqueueForMessages(db, batch);
}

/** Queues an e-mail about a new conversation message to the other participants, in its transaction. */
export async function notifyMessage(db: Kysely<DB> | Transaction<DB>, m: { messageId: string; conversationId: string; senderId: string; at: Date }) {
  await notifyMessages(db, { at: m.at, messages: [m] });
}

/** The first instant at or after `now` outside the person's quiet hours (Oslo time). */
export function endOfQuietHours(now: Date, quietFrom: number, quietUntil: number): Date {
  const hour = Number(hourFormat.format(now));
  const quiet = quietFrom > quietUntil ? hour >= quietFrom || hour < quietUntil : hour >= quietFrom && hour < quietUntil;
  if (!quiet || quietFrom === quietUntil) return now;
  const today = osloDate(now);
  const day = hour >= quietFrom && quietFrom > quietUntil ? osloDate(new Date(osloMidnight(today).getTime() + 36 * 3_600_000)) : today;
  return osloTime(day, quietUntil);
}

/**
 * The language a person reads Tillit in: the one they chose in the app wins (users.locale), then the language the
 * school registered for them, when Tillit has a catalog for it, then bokmål. The web app picks the same way.
 */
export function languageOf(r: { preferred_language: string; locale: string | null }): string {
  if (r.locale && isSupportedLocale(r.locale)) return r.locale;
  return isSupportedLocale(r.preferred_language) ? r.preferred_language : 'nb';
}

type Claimed = Awaited<ReturnType<typeof repo.claimDue>>[number];

/** A registered topic's notification in a language; a confidential one says only that there is something in Tillit. */
async function renderTopic(db: Kysely<DB>, topic: TopicDefinition, n: Claimed, lang: string, publicUrl: string) {
  const r = await topic.render(db, n.subject_id, n.person_id, lang, publicUrl);
  if (!r) return undefined;
  const prefix = n.category === 'urgent' ? `${translate(lang, 'notify.urgent')} ` : '';
  const title = n.confidential ? (r.confidential?.title ?? translate(lang, 'notify.generic.title')) : r.title;
  const short = n.confidential ? (r.confidential?.body ?? translate(lang, 'notify.generic.body')) : r.body;
  if (n.channel === 'sms') return { subject: '', text: translate(lang, 'notify.topic.sms', { title: `${prefix}${n.confidential ? short : title}`, url: r.url }), short: '', url: r.url };
  const text = n.confidential ? `${short}\n\n${r.url}` : `${r.body}\n\n${translate(lang, 'notify.open', { url: r.url })}`;
  return { subject: `${prefix}${title}`, text: `${text}\n\n${translate(lang, 'notify.footer')}`, short, url: r.url };
}

async function render(db: Kysely<DB>, n: Claimed, lang: string, publicUrl: string) {
  const footer = translate(lang, 'notify.footer');
  if (n.topic === 'announcement') {
    const a = await repo.findAnnouncementText(db, n.subject_id);
    if (!a) return undefined;
    const from = a.school_name ?? a.owner_name;
    const url = new URL(`/announcements/${n.subject_id}`, publicUrl).toString();
    const prefix = n.category === 'urgent' ? `${translate(lang, 'notify.urgent')} ` : '';
    if (n.channel === 'sms') {
      const key = n.confidential ? 'notify.announcement.smsConfidential' : 'notify.announcement.sms';
      return { subject: '', text: translate(lang, key, { from, title: a.title, url }), short: '', url };
    }
    // Confidential: neither the title nor the text leaves Tillit, only who it is from.
    const short = n.confidential ? translate(lang, 'notify.confidential', { from }) : a.body;
    return {
      subject: `${prefix}${n.confidential ? translate(lang, 'notify.confidential.subject', { from }) : `${from}: ${a.title}`}`,
      text: n.confidential ? `${short}\n\n${url}\n\n${footer}` : `${a.body}\n\n${translate(lang, 'notify.open', { url })}\n\n${footer}`,
      /** A push notification's body: the same rule as e-mail, never a confidential text. */
      short,
      url,
    };
  }
  const m = await repo.findMessageContext(db, n.subject_id);
  if (!m) return undefined;
  const url = new URL(`/messages/${m.conversation_id}`, publicUrl).toString();
  // A conversation may hold anything a family and the school say to each other: never its text in an e-mail or a push.
  const short = translate(lang, 'notify.message.body', { sender: `${m.given_name} ${m.family_name}`, school: m.school_name });
  if (n.channel === 'sms') return { subject: '', text: translate(lang, 'notify.message.sms', { sender: `${m.given_name} ${m.family_name}`, url }), short: '', url };
  return {
    subject: translate(lang, 'notify.message.subject', { sender: `${m.given_name} ${m.family_name}` }),
    text: `${short}\n\n${url}\n\n${footer}`,
    short,
    url,
  };
}

/** One pass over what is due. Returns what happened to each notification, for logs and tests. */
export async function deliverDue(sys: SystemCtx, channels: Channels, options: NotifyOptions, limit = 100) {
  const now = sys.clock.now();
  const claimed = await repo.claimDue(sys.db, now, new Date(now.getTime() + (options.leaseMs ?? LEASE_MS)), limit);
  const results: { id: string; outcome: string }[] = [];
  for (const n of claimed) {
    const outcome = await deliverOne(sys, channels, options, n, now);
    results.push({ id: n.id, outcome });
  }
  if (channels.email) {
    for (const personId of await repo.findDigestsDue(sys.db, now, limit)) {
      results.push(...(await deliverDigest(sys, channels.email, options, personId, now)));
    }
  }
  return results;
}

/** The topic's definition; undefined for the built-in topics; null for one this process does not know. */
function topicOf(n: Claimed): TopicDefinition | undefined | null {
  if (n.topic === 'announcement' || n.topic === 'message') return undefined;
  return findTopic(n.topic) ?? null;
}

async function isSeen(db: Kysely<DB>, n: Claimed, topic: TopicDefinition | undefined): Promise<boolean> {
  if (topic) return topic.isRead(db, n.subject_id, n.person_id);
  return n.topic === 'announcement' ? repo.isAnnouncementRead(db, n.subject_id, n.person_id) : repo.isMessageRead(db, n.subject_id, n.person_id);
}

const renderAny = (db: Kysely<DB>, n: Claimed, topic: TopicDefinition | undefined, lang: string, publicUrl: string) =>
  topic ? renderTopic(db, topic, n, lang, publicUrl) : render(db, n, lang, publicUrl);

async function deliverOne(sys: SystemCtx, channels: Channels, options: NotifyOptions, n: Claimed, now: Date): Promise<string> {
  const { db } = sys;
  const topic = topicOf(n);
  if (topic === null) {
    // Registered by a module this process has not loaded (a mixed deploy?): try again later rather than lose it.
    sys.log.error({ notification: n.id, topic: n.topic }, 'notification of an unregistered topic');
    if (n.attempts >= MAX_ATTEMPTS) return done(db, n.id, 'failed', 'unknown_topic', now);
    await repo.reschedule(db, n.id, new Date(now.getTime() + 2 ** n.attempts * 60_000), 'unknown_topic');
    return 'unknown_topic';
  }
  if (await isSeen(db, n, topic)) return done(db, n.id, 'skipped', 'already_read', now);
  const mode = await repo.findPreference(db, n.person_id, n.category);
  if (mode === 'off' && n.category !== 'urgent') return done(db, n.id, 'skipped', 'turned_off', now);
  const r = await repo.findRecipient(db, n.person_id);
  if (n.channel === 'email' && r?.bounced) return done(db, n.id, 'skipped', 'bounced', now);
  const send = channels[n.channel];
  // A push goes to the person's browsers; the push channel looks them up.
  const address = n.channel === 'email' ? r?.email : n.channel === 'sms' ? r?.phone : n.person_id;
  if (!r || !send || !address) return done(db, n.id, 'skipped', 'no_channel', now);
  if (n.category !== 'urgent' && mode === 'digest' && n.channel !== 'sms') {
    // One e-mail a day instead: no push, and the e-mail waits for the digest (deliverDigest).
    if (n.channel === 'push') return done(db, n.id, 'skipped', 'digest', now);
    await repo.reschedule(db, n.id, nextOccurrence(new Date(n.created_at), DIGEST_AT).runAt, 'digest');
    return 'digest';
  }
  if (n.category !== 'urgent') {
    // The app (and its push) comes first: e-mail or SMS only when the notification has stayed unread for the escalation delay.
    const escalateAt = new Date(new Date(n.created_at).getTime() + options.emailAfterMinutes * 60_000);
    if (n.channel !== 'push' && escalateAt > now) {
      await repo.reschedule(db, n.id, escalateAt, 'waiting_for_app');
      return 'waiting_for_app';
    }
    const allowed = endOfQuietHours(now, r.quiet_from ?? 21, r.quiet_until ?? 7);
    if (allowed > now) {
      await repo.reschedule(db, n.id, allowed, 'quiet_hours');
      return 'quiet_hours';
    }
  }
  const lang = languageOf(r);
  const text = await renderAny(db, n, topic, lang, options.publicUrl);
  if (!text) return done(db, n.id, 'skipped', 'subject_gone', now);
  try {
    if (n.channel === 'push') await channels.push!(address, { id: n.id, title: text.subject, body: text.short, url: text.url, urgent: n.category === 'urgent' });
    else await channels[n.channel]!(address, { id: n.id, subject: text.subject, text: text.text, language: lang });
  } catch (err) {
    if (err instanceof NoPushSubscriptionError) return done(db, n.id, 'skipped', 'no_channel', now);
    if (err instanceof AddressRejectedError) {
      await repo.markEmailBounced(db, address, err.message, now);
      return done(db, n.id, 'failed', 'bounced', now);
    }
    sys.log.warn({ err, notification: n.id }, 'notification not sent');
    if (n.attempts >= MAX_ATTEMPTS) return done(db, n.id, 'failed', (err as Error).message.slice(0, 200), now);
    await repo.reschedule(db, n.id, new Date(now.getTime() + 2 ** n.attempts * 60_000), 'retry');
    return 'retry';
  }
  return done(db, n.id, 'sent', 'sent', now);
}

async function done(db: Kysely<DB>, id: string, status: 'sent' | 'skipped' | 'failed', outcome: string, at: Date): Promise<string> {
  await repo.finish(db, id, status, outcome, at);
  return outcome;
}

/**
 * One person's daily digest: every e-mail held for it, in one mail (Message-ID from the oldest row, so a copy re-sent
 * after a crash is recognisably the same). What was read in the meantime is left out; quiet hours still hold.
 */
async function deliverDigest(sys: SystemCtx, email: NonNullable<Channels['email']>, options: NotifyOptions, personId: string, now: Date) {
  const { db } = sys;
  const rows = await repo.claimDigest(db, personId, now, new Date(now.getTime() + (options.leaseMs ?? LEASE_MS)));
  const r = await repo.findRecipient(db, personId);
  const results = (outcome: string) => rows.map((n) => ({ id: n.id, outcome }));
  if (rows.length === 0) return [];
  if (!r?.email) {
    const outcome = r?.bounced ? 'bounced' : 'no_channel';
    for (const n of rows) await repo.finish(db, n.id, 'skipped', outcome, now);
    return results(outcome);
  }
  const allowed = endOfQuietHours(now, r.quiet_from ?? 21, r.quiet_until ?? 7);
  if (allowed > now) {
    for (const n of rows) await repo.reschedule(db, n.id, allowed, 'digest');
    return results('quiet_hours');
  }
  const lang = languageOf(r);
  const items: { n: Claimed; subject: string; url: string }[] = [];
  for (const n of rows) {
    const topic = topicOf(n);
    const text = topic === null || (await isSeen(db, n, topic)) ? undefined : await renderAny(db, n, topic, lang, options.publicUrl);
    if (text) items.push({ n, subject: text.subject, url: text.url });
    else await repo.finish(db, n.id, 'skipped', topic === null ? 'unknown_topic' : 'already_read', now);
  }
  if (items.length === 0) return results('already_read');
  const lines = items.map((i) => `• ${i.subject}\n  ${i.url}`).join('\n\n');
  try {
    await email(r.email, {
      id: items[0]!.n.id,
      subject: translate(lang, 'notify.digest.subject', { count: items.length }),
      text: `${translate(lang, 'notify.digest.intro')}\n\n${lines}\n\n${translate(lang, 'notify.footer')}`,
      language: lang,
    });
  } catch (err) {
    if (err instanceof AddressRejectedError) {
      await repo.markEmailBounced(db, r.email, err.message, now);
      for (const { n } of items) await repo.finish(db, n.id, 'failed', 'bounced', now);
      return results('bounced');
    }
    sys.log.warn({ err, person: personId }, 'digest not sent');
    for (const { n } of items) {
      if (n.attempts >= MAX_ATTEMPTS) await repo.finish(db, n.id, 'failed', (err as Error).message.slice(0, 200), now);
      else await repo.reschedule(db, n.id, new Date(now.getTime() + 2 ** n.attempts * 60_000), 'digest');
    }
    return results('retry');
  }
  for (const { n } of items) await repo.finish(db, n.id, 'sent', 'digest', now);
  return results('sent');
}
