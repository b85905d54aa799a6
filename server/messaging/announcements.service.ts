// Announcements: from the school (or the owner) to an audience, resolved in SQL, one receipt row per recipient.
import type { Ctx, SystemCtx } from '../core/context';
import type { Audience } from '@shared/contracts/messaging';
import type { AnnouncementCategory } from './messaging.tables';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import * as repo from './announcements.repo';
import { canAnnounceTo, canReadAsRecipient, canSeeReceipts } from './announcements.policy';
import { checkContent, throwOnWarnings } from './content-check';
import { decodeAttachments } from './attachments';
import { publish } from './events';
import { notifyAnnouncement } from '../notifications/notifications.service';

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
  confirmWarnings: boolean;
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

export async function createAnnouncement(ctx: Ctx, input: CreateAnnouncementInput) {
  const { audience } = input;
  const [place, scope] = await Promise.all([locateAudience(ctx, audience), repo.findAudienceScope(ctx.db, audience)]);
  if (!place || !canAnnounceTo(ctx.actor, audience, scope, place.ownerId)) throw notFound('audience');
  const files = decodeAttachments(input.attachments);
  if (!input.confirmWarnings && place.schoolId) {
    throwOnWarnings(checkContent(`${input.title}\n${input.body}`, await repo.findStudentNamesAtSchool(ctx.db, place.schoolId)));
  }
  const now = ctx.clock.now();
  const sendAt = input.sendAt ? new Date(input.sendAt) : now;
  const sendNow = sendAt.getTime() <= now.getTime();

  const result = await ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertAnnouncement(tx, {
      ...place, authorId: ctx.actor.personId, title: input.title, body: input.body, category: input.category, audience,
      parentalResponsibilityOnly: input.parentalResponsibilityOnly, includeStudents: input.includeStudents, requiresAck: input.requiresAck,
      sendAt: sendNow ? now : sendAt, at: now,
    });
    await repo.insertAttachments(tx, id, files);
    const recipientCount = sendNow
      ? await repo.fanOut(tx, { id, audience, parentalResponsibilityOnly: input.parentalResponsibilityOnly, includeStudents: input.includeStudents, onDate: osloDate(now), sentAt: now })
      : 0;
    if (sendNow) await notifyAnnouncement(tx, { id, category: input.category, at: now });
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
      const a = await repo.lockDueAnnouncement(tx, due.id);
      if (!a) return false;
      await repo.fanOut(tx, { id: a.id, audience: a.audience as Audience, parentalResponsibilityOnly: a.parental_responsibility_only, includeStudents: a.include_students, onDate: osloDate(now), sentAt: now });
      await notifyAnnouncement(tx, { id: a.id, category: a.category, at: now });
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

function present(a: Row, recipient: { read_at: Date | null; acknowledged_at: Date | null } | undefined) {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    category: a.category,
    author: { givenName: a.author_given_name, familyName: a.author_family_name },
    sentAt: a.sent_at?.toISOString() ?? null,
    requiresAck: a.requires_ack,
    readAt: recipient?.read_at?.toISOString() ?? null,
    acknowledgedAt: recipient?.acknowledged_at?.toISOString() ?? null,
  };
}

/** A recipient opens an announcement (and it counts as read); the author or a leader sees it without a receipt. */
export async function readAnnouncement(ctx: Ctx, id: string) {
  const a = await repo.findAnnouncement(ctx.db, id);
  if (!a) throw notFound('announcement');
  const recipient = await repo.findRecipientRow(ctx.db, id, ctx.actor.personId);
  const asRecipient = canReadAsRecipient(ctx.actor, recipient, a);
  if (!asRecipient && !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  const now = ctx.clock.now();
  if (asRecipient && !recipient!.read_at) {
    await repo.markAnnouncementRead(ctx.db, id, ctx.actor.personId, now);
    publish([a.author_id], { type: 'announcement.receipt', id });
  }
  const attachments = await repo.findAttachmentList(ctx.db, id);
  return {
    ...present(a, asRecipient ? { read_at: recipient!.read_at ?? now, acknowledged_at: recipient!.acknowledged_at } : undefined),
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
  const a = await repo.findAnnouncement(ctx.db, announcementId);
  const recipient = await repo.findRecipientRow(ctx.db, announcementId, ctx.actor.personId);
  if (!a || !(canReadAsRecipient(ctx.actor, recipient, a) || canSeeReceipts(ctx.actor, a))) throw notFound('attachment');
  const file = await repo.findAttachment(ctx.db, announcementId, attachmentId);
  if (!file) throw notFound('attachment');
  return file;
}

export async function readReceipts(ctx: Ctx, id: string) {
  const a = await repo.findAnnouncement(ctx.db, id);
  if (!a || !canSeeReceipts(ctx.actor, a)) throw notFound('announcement');
  const rows = await repo.findReceipts(ctx.db, id);
  return {
    total: rows.length,
    read: rows.filter((r) => r.read_at).length,
    acknowledged: rows.filter((r) => r.acknowledged_at).length,
    recipients: rows.map((r) => ({
      personId: r.person_id,
      givenName: r.given_name,
      familyName: r.family_name,
      kind: r.kind,
      studentName: r.student_given_name ? `${r.student_given_name} ${r.student_family_name}` : null,
      readAt: r.read_at?.toISOString() ?? null,
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      preferredLanguage: r.preferred_language,
    })),
  };
}

/** The first page of what a person has received, newest first. */
export async function listAnnouncements(ctx: Ctx, limit = 20) {
  const rows = await repo.findAnnouncementsFor(ctx.db, ctx.actor.personId, limit);
  return rows
    .filter((r) => canReadAsRecipient(ctx.actor, r, r))
    .map((r) => present(r, r));
}
