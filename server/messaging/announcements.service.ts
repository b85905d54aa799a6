// Announcements: from the school (or the owner) to an audience, resolved in SQL, one receipt row per recipient.
import type { Ctx, SystemCtx } from '../core/context';
import type { Actor } from '../access/actor';
import {
  SchoolLevel, type Audience, type AudienceOptions, type AudienceSummary, type SentAnnouncementsResponse, type ContentWarning, type EditableAnnouncement,
  type UpdateAnnouncementRequest,
  type ReceivedPage,
} from '@shared/contracts/messaging';
import type { AnnouncementCategory } from './messaging.tables';
import { AppError, forbidden, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import * as repo from './announcements.repo';
import {
  canAnnounceTo, canAnnounceToGroup, canAnnounceToSchool, canCancelAnnouncement, canListSentAnnouncements, canReadAsRecipient, canSeeHowNotified,
  canSeeReceipts, sentListScope,
} from './announcements.policy';
import { checkContent, throwOnWarnings } from './content-check';
import { deliveryState } from './conversations.receipts';
import { decodeAttachments } from './attachments';
import { publish } from './events';
import { notifyAnnouncement } from '../notifications/notifications.service';
import { readReminderState } from './reminders.service';

export interface CreateAnnouncementInput {
  title: string;
  body: string;
  category: AnnouncementCategory;
  audience: Audience;
  parentalResponsibilityOnly: boolean;
  includeStudents: boolean;
  requiresAck: boolean;
  sendAt?: string;
  attachments: { filename: string; contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp'; dataBase64: string }[];
  confidential: boolean;
  confirmWarnings: boolean | ContentWarning[];
}

/** The owner and school an audience belongs to, or undefined when it points at nothing. */
async function locateAudience(ctx: Ctx, audience: Audience): Promise<{ ownerId: string; schoolId: string | null } | undefined> {
  if (audience.type === 'owner') return { ownerId: audience.ownerId, schoolId: null };
  if (audience.type === 'school' || audience.type === 'levels') {
    const school = await repo.findSchoolOwner(ctx.db, audience.schoolId);
    return school && { ownerId: school.owner_id, schoolId: school.id };
  }
  const scope = await repo.findAudienceScope(ctx.db, audience);
  const schools = [...new Set(scope.map((s) => s.school_id))];
  if (schools.length !== 1) return undefined;
  const school = await repo.findSchoolOwner(ctx.db, schools[0]!);
  return school && { ownerId: school.owner_id, schoolId: school.id };
}

/**
 * Warns before the text names a student in full or holds health words, for every audience, the owner's too. A
 * student is "another student" unless every recipient is of their own family: an announcement to one family (or to
 * chosen students who are all of one family) may name that family's child; one to a class, a level or a school
 * names someone else's child to nearly everyone, so there all names count.
 */
async function checkBeforeSending(
  ctx: Ctx,
  input: Pick<CreateAnnouncementInput, 'title' | 'body' | 'audience' | 'parentalResponsibilityOnly' | 'includeStudents' | 'confirmWarnings'>,
  place: { ownerId: string; schoolId: string | null },
) {
  if (input.confirmWarnings === true) return;
  const small = input.audience.type === 'students' || input.audience.type === 'groups';
  const [names, own] = await Promise.all([
    repo.findStudentNames(ctx.db, place),
    small ? repo.findStudentsWhoseFamilyIsTheAudience(ctx.db, input) : Promise.resolve([]),
  ]);
  const ownChildren = new Set(own);
  throwOnWarnings(checkContent(`${input.title}\n${input.body}`, names.filter((n) => !ownChildren.has(n.id))), input.confirmWarnings);
}

export async function createAnnouncement(ctx: Ctx, input: CreateAnnouncementInput) {
  const { audience } = input;
  const [place, scope] = await Promise.all([locateAudience(ctx, audience), repo.findAudienceScope(ctx.db, audience)]);
  if (!place || !canAnnounceTo(ctx.actor, audience, scope, place.ownerId)) throw notFound('audience');
  if (input.sendAt) refusePastSendAt(new Date(input.sendAt), ctx.clock.now());
  const files = decodeAttachments(input.attachments);
  await checkBeforeSending(ctx, input, place);
  const now = ctx.clock.now();
  const sendAt = input.sendAt ? new Date(input.sendAt) : now;
  const sendNow = sendAt.getTime() <= now.getTime();

  const result = await ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertAnnouncement(tx, {
      ...place, authorId: ctx.actor.personId, title: input.title, body: input.body, category: input.category, audience,
      parentalResponsibilityOnly: input.parentalResponsibilityOnly, includeStudents: input.includeStudents, requiresAck: input.requiresAck,
      confidential: input.confidential, sendAt: sendNow ? now : sendAt, at: now,
    });
    await repo.insertAttachments(tx, id, files);
    if (!sendNow) return { id, recipientCount: 0 };
    const recipientCount = await repo.fanOut(tx, { id, audience, parentalResponsibilityOnly: input.parentalResponsibilityOnly, includeStudents: input.includeStudents, onDate: osloDate(now), sentAt: now });
    // Nobody Tillit may send to (students of 18 and over, parents without parental responsibility): say so, send nothing.
    if (recipientCount === 0) throw new AppError('no_recipients', 'Nobody in this audience can receive the announcement in Tillit');
    await notifyAnnouncement(tx, { id, category: input.category, confidential: input.confidential, at: now });
    return { id, recipientCount };
  });
  if (sendNow) publish(await repo.findRecipientIds(ctx.db, result.id), { type: 'announcement.new', id: result.id });
  return { ...result, scheduled: !sendNow };
}

/**
 * Sends scheduled announcements whose time has come. Each is locked while it fans out, so two workers
 * never send one twice; the audience is resolved at sending time (who is a guardian then).
 */
export async function sendDueAnnouncements(sys: SystemCtx): Promise<string[]> {
  const now = sys.clock.now();
  const sent: string[] = [];
  for (const due of await repo.findDueAnnouncements(sys.db, now)) {
    const done = await sys.db.transaction().execute(async (tx) => {
      const a = await repo.lockDueAnnouncement(tx, due.id, now);
      if (!a) return false;
      await repo.fanOut(tx, { id: a.id, audience: a.audience as Audience, parentalResponsibilityOnly: a.parental_responsibility_only, includeStudents: a.include_students, onDate: osloDate(now), sentAt: now });
      await notifyAnnouncement(tx, { id: a.id, category: a.category, confidential: a.confidential, at: now });
      return true;
    });
    if (done) {
      sent.push(due.id);
      publish(await repo.findRecipientIds(sys.db, due.id), { type: 'announcement.new', id: due.id });
    }
  }
  return sent;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findAnnouncement>>>;
type Receipt = { read_at: Date | null; acknowledged_at: Date | null };

function present(a: Row, recipient: Receipt | undefined) {
  return { ...presentListed(a, recipient), body: a.body };
}

/** An announcement as a list shows it: everything but the body. */
function presentListed(a: Omit<Row, 'body' | 'audience' | 'confidential'>, recipient: Receipt | undefined) {
  return {
    id: a.id,
    title: a.title,
    category: a.category,
    author: { givenName: a.author_given_name, familyName: a.author_family_name },
    sentAt: a.sent_at?.toISOString() ?? null,
    requiresAck: a.requires_ack,
    readAt: recipient?.read_at?.toISOString() ?? null,
    acknowledgedAt: recipient?.acknowledged_at?.toISOString() ?? null,
  };
}

/**
 * The announcement, if this person may read it: as a recipient (while the relation grants access), or as its author,
 * a leader of its school or the owner's administrator (canSeeReceipts). Every read of one goes through here: the
 * view, its attachments, its machine translation (server/translation).
 */
export async function loadReadableAnnouncement(ctx: Ctx, id: string) {
  const a = await repo.findAnnouncement(ctx.db, id);
  if (!a) throw notFound('announcement');
  const recipient = await repo.findRecipientRow(ctx.db, id, ctx.actor.personId);
  const asRecipient = canReadAsRecipient(ctx.actor, recipient, a);
  if (!asRecipient && !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  return { a, recipient, asRecipient };
}

/** A recipient opens an announcement (and it counts as read); the author or a leader sees it without a receipt. */
export async function readAnnouncement(ctx: Ctx, id: string) {
  const { a, recipient, asRecipient } = await loadReadableAnnouncement(ctx, id);
  const now = ctx.clock.now();
  if (asRecipient && !recipient!.read_at) {
    await repo.markAnnouncementRead(ctx.db, id, ctx.actor.personId, now);
    publish([a.author_id], { type: 'announcement.receipt', id });
  }
  const [attachments, names] = await Promise.all([repo.findAttachmentList(ctx.db, id), repo.findAudienceNames(ctx.db, a)]);
  return {
    ...present(a, asRecipient ? { read_at: recipient!.read_at ?? now, acknowledged_at: recipient!.acknowledged_at } : undefined),
    // Whom it went to, so a parent of children in two classes knows which one it is about.
    audience: summarizeAudience(names),
    attachments: attachments.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, sizeBytes: f.size_bytes })),
  };
}

export async function acknowledgeAnnouncement(ctx: Ctx, id: string) {
  const recipient = await repo.findRecipientRow(ctx.db, id, ctx.actor.personId);
  const a = await repo.findAnnouncement(ctx.db, id);
  if (!a || !canReadAsRecipient(ctx.actor, recipient, a)) throw notFound('announcement');
  if (!a.requires_ack) throw new AppError('conflict', 'This announcement does not ask for acknowledgement');
  await repo.acknowledge(ctx.db, id, ctx.actor.personId, ctx.clock.now());
  publish([a.author_id], { type: 'announcement.receipt', id });
  return { ok: true as const };
}

export async function readAttachment(ctx: Ctx, announcementId: string, attachmentId: string) {
  await loadReadableAnnouncement(ctx, announcementId);
  const file = await repo.findAttachment(ctx.db, announcementId, attachmentId);
  if (!file) throw notFound('attachment');
  return file;
}

const CHANNEL_ORDER = ['push', 'email', 'sms'] as const;

/** Who has read and acknowledged, and how Tillit told each of them (from the notification outbox). */
export async function readReceipts(ctx: Ctx, id: string) {
  const a = await repo.findAnnouncement(ctx.db, id);
  if (!a || !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  const [rows, notifications, schedule, reminded] = await Promise.all([
    repo.findReceipts(ctx.db, id, a.audience as Audience), repo.findAnnouncementNotifications(ctx.db, id), repo.findSchedule(ctx.db, id),
    readReminderState(ctx, id),
  ]);
  const notifiedOf = (personId: string) => notifications
    .filter((n) => n.person_id === personId)
    .sort((x, y) => CHANNEL_ORDER.indexOf(x.channel) - CHANNEL_ORDER.indexOf(y.channel))
    .map((n) => ({ channel: n.channel, state: deliveryState(n) }));
  return {
    scheduledFor: schedule && !schedule.sent_at && !schedule.cancelled_at ? schedule.send_at.toISOString() : null,
    cancelledAt: schedule?.cancelled_at?.toISOString() ?? null,
    confidential: schedule?.confidential ?? false,
    requiresAck: a.requires_ack,
    total: rows.length,
    read: rows.filter((r) => r.read_at).length,
    acknowledged: rows.filter((r) => r.acknowledged_at).length,
    recipients: rows.map((r) => ({
      personId: r.person_id,
      givenName: r.given_name,
      familyName: r.family_name,
      kind: r.kind,
      studentNames: r.kind === 'guardian' && r.children_in_audience && r.children_in_audience.length > 0
        ? r.children_in_audience
        : r.student_given_name ? [`${r.student_given_name} ${r.student_family_name}`] : [],
      readAt: r.read_at?.toISOString() ?? null,
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      preferredLanguage: r.preferred_language,
      notified: canSeeHowNotified(ctx.actor, r) ? notifiedOf(r.person_id) : null,
      remindedAt: reminded.remindedAt(r.person_id),
    })),
    reminders: reminded.reminders,
  };
}

const levelsOf = (classes: { level: string | null }[]): SchoolLevel[] =>
  [...new Set(classes.map((g) => g.level))].filter((l): l is SchoolLevel => SchoolLevel.safeParse(l).success);

/**
 * Every audience this person may announce to (the form's choices), decided by the same named policies that
 * createAnnouncement applies: groups they teach, their school as leader or office, their owner as administrator.
 */
export async function readAudienceOptions(ctx: Ctx): Promise<AudienceOptions> {
  const { actor } = ctx;
  const schools = await repo.findAnnounceableSchools(ctx.db, [...new Set(actor.staff.map((s) => s.schoolId))], actor.ownerAdminOf);
  const allGroups = await repo.findGroupsOfSchools(ctx.db, schools.map((s) => s.id));
  const groups = allGroups.filter((g) => canAnnounceToGroup(actor, g));
  const [students, owners] = await Promise.all([repo.findStudentsOfGroups(ctx.db, groups.map((g) => g.id)), repo.findOwners(ctx.db, actor.ownerAdminOf)]);
  return {
    schools: schools.map((school) => {
      const wholeSchool = canAnnounceToSchool(actor, school);
      return {
        id: school.id,
        name: school.name,
        wholeSchool,
        levels: wholeSchool ? levelsOf(allGroups.filter((g) => g.school_id === school.id && g.kind === 'class')) : [],
        groups: groups.filter((g) => g.school_id === school.id).map((g) => ({
          id: g.id, name: g.name, kind: g.kind, level: g.level,
          students: students.filter((s) => s.group_id === g.id).map((s) => ({ id: s.id, givenName: s.given_name, familyName: s.family_name })),
        })),
      };
    }).filter((s) => s.wholeSchool || s.groups.length > 0),
    owners,
  };
}

/** A page of what a person has received (newest first, from the inbox), as this actor may still read it. */
/**
 * A page of the announcements the actor received, newest first, after `before` (the inbox holds the first page):
 * each as the inbox lists it, by the same rule of what this actor may still read.
 */
export async function listReceived(ctx: Ctx, query: { before?: string }): Promise<ReceivedPage> {
  // One more than a page says whether there is a next one.
  const rows = await repo.receivedPage(ctx.db, ctx.actor.personId, PAGE + 1, query.before).execute();
  return {
    announcements: presentReceived(ctx.actor, rows.slice(0, PAGE)),
    nextBefore: rows.length > PAGE ? rows[PAGE - 1]!.id : null,
  };
}

export function presentReceived(actor: Actor, rows: (Omit<Row, 'body' | 'audience' | 'confidential'> & Receipt & { kind: string; student_id: string | null })[]) {
  return rows
    .filter((r) => canReadAsRecipient(actor, r, r))
    .map((r) => presentListed(r, r));
}

/** How far in the past a "send later" time may be and still mean now: the minute the form was filled in. */
const SEND_AT_GRACE_MS = 60_000;

/** A "send later" time more than a minute ago is a mistake (a wrong day or hour), not "now": refused, not sent at once. */
function refusePastSendAt(sendAt: Date, now: Date): void {
  if (sendAt.getTime() < now.getTime() - SEND_AT_GRACE_MS) {
    throw new AppError('validation_failed', 'The time to send is in the past', [{ path: 'body.sendAt', code: 'in_past', message: 'in the past' }]);
  }
}

const PAGE = 20;

/** Whom an announcement went to, as a list names it (the audience as stored, with the names of what it points at). */
function summarizeAudience(r: Pick<repo.SentRow, 'audience' | 'group_names' | 'school_name' | 'owner_name'>): AudienceSummary {
  const audience = r.audience as Audience;
  switch (audience.type) {
    case 'groups': return { type: 'groups', groups: r.group_names ?? [] };
    case 'levels': return { type: 'levels', school: r.school_name ?? '', levels: audience.levels };
    case 'school': return { type: 'school', school: r.school_name ?? '' };
    case 'owner': return { type: 'owner', owner: r.owner_name };
    case 'students': return { type: 'students', count: audience.studentIds.length };
  }
}

/**
 * The announcements someone sent or scheduled, and those they follow as a leader of the school or an administrator
 * of the owner (the ones whose receipts they may see), newest first, a page at a time, with how many have read them.
 */
export async function listSentAnnouncements(ctx: Ctx, query: { before?: string; limit?: number }): Promise<SentAnnouncementsResponse> {
  const { actor } = ctx;
  if (!canListSentAnnouncements(actor)) throw notFound('announcements');
  const limit = query.limit ?? PAGE;
  // One more than a page says whether there is a next one.
  const rows = await repo.findSentPage(ctx.db, sentListScope(actor), limit + 1, query.before);
  const page = rows.slice(0, limit).filter((r) => canSeeReceipts(actor, r));
  return {
    announcements: page.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      audience: summarizeAudience(r),
      author: { givenName: r.author_given_name, familyName: r.author_family_name },
      sendAt: r.send_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      cancelledAt: r.cancelled_at?.toISOString() ?? null,
      requiresAck: r.requires_ack,
      recipients: r.recipients,
      read: r.read,
      acknowledged: r.acknowledged,
      mayCancel: !r.sent_at && !r.cancelled_at && canCancelAnnouncement(actor, r),
    })),
    nextBefore: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/**
 * Cancels a scheduled announcement before it goes out: its author or a leader of its school. Kept (archive duty),
 * marked cancelled; the worker never sends it. Refused once it has been sent (409 already_sent); cancelling twice
 * answers as the first time did.
 */
export async function cancelAnnouncement(ctx: Ctx, id: string) {
  const a = await repo.findCancelState(ctx.db, id);
  if (!a || !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  if (!canCancelAnnouncement(ctx.actor, a)) throw forbidden('Only its author or a leader of its school cancels an announcement');
  const alreadySent = () => new AppError('already_sent', 'The announcement has already been sent');
  if (a.sent_at) throw alreadySent();
  const changed = await repo.cancelScheduled(ctx.db, id, ctx.actor.personId, ctx.clock.now());
  // Not changed: cancelled before, or a worker sent it in the meantime.
  const cancelledAt = changed?.cancelled_at ?? (await repo.findCancelState(ctx.db, id))?.cancelled_at;
  if (!cancelledAt) throw alreadySent();
  publish([a.author_id], { type: 'announcement.receipt', id });
  return { id, cancelledAt: cancelledAt.toISOString() };
}

export type UpdateAnnouncementInput = UpdateAnnouncementRequest;

const noLongerScheduled = (state: string) => new AppError('no_longer_scheduled', `The announcement has been ${state}: it can no longer be changed`);

/**
 * A scheduled announcement as stored, for the form that changes it: to those who may change it (its author or a
 * leader of its school, canCancelAnnouncement), while it waits. Others who may follow it (the owner's
 * administrators) are refused with 403, anyone else with 404; sent or cancelled, 409 no_longer_scheduled.
 */
export async function readEditable(ctx: Ctx, id: string): Promise<EditableAnnouncement> {
  const a = await findChangeable(ctx, id);
  const attachments = await repo.findAttachmentList(ctx.db, id);
  return {
    id: a.id, title: a.title, body: a.body, category: a.category, audience: a.audience as Audience,
    parentalResponsibilityOnly: a.parental_responsibility_only, includeStudents: a.include_students, requiresAck: a.requires_ack,
    confidential: a.confidential, sendAt: a.send_at.toISOString(),
    attachments: attachments.map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, sizeBytes: f.size_bytes })),
    editedAt: a.edited_at?.toISOString() ?? null,
  };
}

async function findChangeable(ctx: Ctx, id: string) {
  const a = await repo.findEditable(ctx.db, id);
  if (!a || !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  if (!canCancelAnnouncement(ctx.actor, a)) throw forbidden('Only its author or a leader of its school changes an announcement');
  if (a.sent_at) throw noLongerScheduled('sent');
  if (a.cancelled_at) throw noLongerScheduled('cancelled');
  return a;
}

/**
 * Changes a scheduled announcement before it goes out. Its audience is resolved when it is sent (sendDueAnnouncements),
 * so the audience may change too, within what the one who changes it may announce to (canAnnounceTo, as on creation).
 * A new title, text or audience is checked as on creation (the confirmed warnings against the new text); the time
 * may not be in the past. The change is one conditional UPDATE: sent or cancelled in the meantime, 409 and nothing
 * changed. The attachments stay; who changed it last, and when, is kept (0015).
 */
export async function updateAnnouncement(ctx: Ctx, id: string, input: UpdateAnnouncementInput) {
  const a = await findChangeable(ctx, id);
  const now = ctx.clock.now();
  if (input.sendAt) refusePastSendAt(new Date(input.sendAt), now);
  let place = { ownerId: a.owner_id, schoolId: a.school_id };
  if (input.audience) {
    const [found, scope] = await Promise.all([locateAudience(ctx, input.audience), repo.findAudienceScope(ctx.db, input.audience)]);
    if (!found || !canAnnounceTo(ctx.actor, input.audience, scope, found.ownerId)) throw notFound('audience');
    place = found;
  }
  const next = {
    title: input.title ?? a.title,
    body: input.body ?? a.body,
    audience: input.audience ?? (a.audience as Audience),
    parentalResponsibilityOnly: input.parentalResponsibilityOnly ?? a.parental_responsibility_only,
    includeStudents: input.includeStudents ?? a.include_students,
  };
  // What the check reads: the text, and whom it reaches. A change of time or type alone is not a new text.
  const checked = [input.title, input.body, input.audience, input.parentalResponsibilityOnly, input.includeStudents].some((v) => v !== undefined);
  if (checked) await checkBeforeSending(ctx, { ...next, confirmWarnings: input.confirmWarnings }, place);
  const sendAt = input.sendAt ? new Date(Math.max(new Date(input.sendAt).getTime(), now.getTime())) : undefined;
  const changed = await repo.updateScheduled(ctx.db, id, {
    title: input.title, body: input.body, category: input.category, requiresAck: input.requiresAck, confidential: input.confidential,
    parentalResponsibilityOnly: input.parentalResponsibilityOnly, includeStudents: input.includeStudents, sendAt,
    ...(input.audience ? { audience: input.audience, ownerId: place.ownerId, schoolId: place.schoolId } : {}),
  }, ctx.actor.personId, now);
  // Not changed: a worker sent it, or someone cancelled it, since it was read above.
  if (!changed) throw noLongerScheduled('sent or cancelled');
  // The sent lists of its author and of whoever changed it show the change (announcement.receipt refreshes them).
  publish([...new Set([a.author_id, ctx.actor.personId])], { type: 'announcement.receipt', id });
  return { id, sendAt: changed.send_at.toISOString(), editedAt: changed.edited_at!.toISOString() };
}
