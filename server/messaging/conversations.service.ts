// Conversations between a family and the school. A guardian's question is routed as seed 001 says:
// academic or social → the contact teacher; AKS time → the AKS base leader; practical or unsure → the office.
import type { Ctx } from '../core/context';
import type { Actor } from '../access/actor';
import type { ConversationTopic, MessageTone } from './messaging.tables';
import type { ContentWarning, ConversationDetail } from '@shared/contracts/messaging';
import type { StaffRole } from '../db/schema';
import type { FieldIssue } from '@shared/errors';
import { AppError, notFound } from '../core/errors';
import { isAdultOn, osloDate } from '@shared/dates';
import * as repo from './conversations.repo';
import { findGroupsOfStudents } from '../family/family.repo';
import { findStudentNamesAtSchool, findStudentsWhoseFamilyIsTheAudience } from './announcements.repo';
import { canManageParticipants, canSetTone, canStartConversationAbout, canWriteToFamilyOf } from './conversations.policy';
import { concernsStudent, loadReadable, roleFor, type StaffRow } from './conversations.participants';
import { receiptsFor } from './conversations.receipts';
import { checkContent, throwOnWarnings } from './content-check';
import { publish } from './events';
import { notifyMessage, notifyMessages } from '../notifications/notifications.service';

const ROUTES: Record<ConversationTopic, StaffRole[]> = {
  academic: ['kontaktlaerer'],
  social: ['kontaktlaerer'],
  aks: ['aks_baseleder'],
  practical: ['kontor'],
  other: ['kontor'],
};
/** When nobody holds the role (no AKS enrolment, no office staff), the question goes here instead. */
const FALLBACK: StaffRole[][] = [['kontor'], ['rektor']];

function routeStaff(staff: StaffRow[], topic: ConversationTopic): StaffRow[] {
  for (const roles of [ROUTES[topic], ...FALLBACK]) {
    const found = staff.filter((s) => roles.includes(s.role) && concernsStudent(s));
    if (found.length > 0) return [...new Map(found.map((s) => [s.id, s])).values()];
  }
  return [];
}

type Guardian = Awaited<ReturnType<typeof repo.findGuardiansWithAccess>>[number];

/**
 * The readerships a family's conversation goes to. Everyone with access to the child reads the same
 * conversation (1.3: both parents get the same information). Where one of them has a protected address, each
 * gets a conversation of their own: both still hear from the school, and neither sees the other (9.9).
 */
function households(guardians: Guardian[]): Guardian[][] {
  if (guardians.length === 0) return [];
  return guardians.some((g) => g.address_protection !== 'none') ? guardians.map((g) => [g]) : [guardians];
}

/** A guardian's own question goes to their household: never copied to a parent on the other side of 9.9. */
const householdOf = (guardians: Guardian[], writerId: string): Guardian[] => households(guardians).find((h) => h.some((g) => g.id === writerId)) ?? [];

const view = (p: { id: string; given_name: string; family_name: string }, kind: 'guardian' | 'staff', role: string | null) =>
  ({ personId: p.id, givenName: p.given_name, familyName: p.family_name, kind, role });

/** Who would read a new conversation about this child on this topic: shown to the guardian before sending. */
export async function previewRecipients(ctx: Ctx, studentId: string, topic: ConversationTopic) {
  if (!canStartConversationAbout(ctx.actor, studentId)) throw notFound('child');
  const student = await repo.findStudentContext(ctx.db, studentId);
  if (!student) throw notFound('child');
  const [staff, guardians] = await Promise.all([
    repo.findStaffForStudent(ctx.db, studentId, student.school_id),
    repo.findGuardiansWithAccess(ctx.db, studentId, osloDate(ctx.clock.now())),
  ]);
  return {
    staff: routeStaff(staff, topic).map((s) => view(s, 'staff', s.role)),
    guardians: householdOf(guardians, ctx.actor.personId).map((g) => view(g, 'guardian', null)),
  };
}

export async function startConversation(ctx: Ctx, input: { studentId: string; topic: ConversationTopic; subject: string; body: string }) {
  const { staff, guardians } = await previewRecipients(ctx, input.studentId, input.topic);
  if (staff.length === 0) throw new AppError('conflict', 'Nobody at the school can receive this yet; contact the school office');
  const student = (await repo.findStudentContext(ctx.db, input.studentId))!;
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const conversationId = await repo.insertConversation(tx, { schoolId: student.school_id, studentId: input.studentId, topic: input.topic, subject: input.subject, startedBy: ctx.actor.personId, at });
    await repo.insertParticipants(tx, [
      ...guardians.map((g) => ({ conversationId, personId: g.personId, kind: 'guardian' as const, addedBy: null, at })),
      ...staff.map((s) => ({ conversationId, personId: s.personId, kind: 'staff' as const, addedBy: null, at })),
    ]);
    const messageId = await repo.insertMessage(tx, { conversationId, senderId: ctx.actor.personId, body: input.body, tone: 'neutral', at });
    await notifyMessage(tx, { messageId, conversationId, senderId: ctx.actor.personId, at });
    return conversationId;
  });
  publish([...guardians, ...staff].map((p) => p.personId).filter((p) => p !== ctx.actor.personId), { type: 'conversation.message', id });
  return { conversationIds: [id] };
}

/**
 * Why nobody in a student's family can be written to: the student is 18 or over (5.1; consent comes with its own
 * module), or no guardian has access (1.2). Staff are told before anything is sent, rather than given an empty
 * conversation.
 */
function unreachable(requested: string[], students: { id: string; birth_date: string | null }[], guardians: Map<string, Guardian[]>, now: Date): FieldIssue[] {
  return students.filter((s) => (guardians.get(s.id) ?? []).length === 0).map((s) => {
    const adult = isAdultOn(s.birth_date, now);
    return {
      path: `studentIds.${requested.indexOf(s.id)}`,
      code: adult ? 'student_adult' : 'no_guardian_access',
      message: adult ? 'The student is 18 or over and has not consented to the guardians being told' : 'No guardian of this student has access',
    };
  });
}

/**
 * Staff write to one or several families: one conversation per child's household, each with its guardians
 * (so no family reads another's, and a protected parent is reached in a conversation of her own).
 */
export async function writeToFamilies(
  ctx: Ctx,
  input: { studentIds: string[]; subject: string; body: string; tone: MessageTone; confirmWarnings: boolean | ContentWarning[] },
): Promise<{ conversationIds: string[] }> {
  const studentIds = [...new Set(input.studentIds)];
  const [found, groups] = await Promise.all([repo.findStudentContexts(ctx.db, studentIds), findGroupsOfStudents(ctx.db, studentIds)]);
  const students = studentIds.map((id) => found.find((s) => s.id === id));
  const writable = students.filter((s): s is NonNullable<typeof s> => s !== undefined && canWriteToFamilyOf(ctx.actor, { schoolId: s.school_id, groupIds: groups.filter((g) => g.student_id === s.id).map((g) => g.id) }));
  if (writable.length < studentIds.length) throw notFound('student');
  const at = ctx.clock.now();
  const today = osloDate(at);
  const guardianRows = await repo.findGuardiansWithAccessOf(ctx.db, writable.map((s) => s.id), today);
  const guardians = new Map<string, Guardian[]>(writable.map((s) => [s.id, guardianRows.filter((g) => g.student_id === s.id).map(({ student_id: _, ...g }) => g)]));
  const issues = unreachable(input.studentIds, writable, guardians, at);
  if (issues.length > 0) throw new AppError('family_unreachable', 'Nobody in these families can be written to in Tillit', issues);
  if (input.confirmWarnings !== true) {
    // To one family, its own children may be named and its own health matters written of; to several, nobody's.
    const [names, own] = await Promise.all([
      findStudentNamesAtSchool(ctx.db, writable[0]!.school_id),
      findStudentsWhoseFamilyIsTheAudience(ctx.db, { audience: { type: 'students', studentIds }, parentalResponsibilityOnly: false, includeStudents: false }),
    ]);
    const ownChildren = new Set(own);
    const warnings = checkContent(`${input.subject}\n${input.body}`, names.filter((n) => !ownChildren.has(n.id)), { health: studentIds.length > 1 });
    throwOnWarnings(warnings, input.confirmWarnings);
  }
  // One conversation per household, all of them in four statements (conversations, participants, messages, notifications).
  const author = ctx.actor.personId;
  const families = writable.flatMap((student) => households(guardians.get(student.id)!).map((household) => ({ student, household })));
  const ids = await ctx.db.transaction().execute(async (tx) => {
    const conversationIds = await repo.insertConversations(tx, families.map(({ student }) => ({ schoolId: student.school_id, studentId: student.id, topic: 'other', subject: input.subject, startedBy: author, at })));
    await repo.insertParticipants(tx, families.flatMap(({ household }, i) => [
      { conversationId: conversationIds[i]!, personId: author, kind: 'staff' as const, addedBy: null, at },
      ...household.map((g) => ({ conversationId: conversationIds[i]!, personId: g.id, kind: 'guardian' as const, addedBy: author, at })),
    ]));
    const messageIds = await repo.insertMessages(tx, conversationIds.map((conversationId) => ({ conversationId, senderId: author, body: input.body, tone: input.tone, at })));
    await notifyMessages(tx, { at, messages: messageIds.map((messageId, i) => ({ messageId, conversationId: conversationIds[i]!, senderId: author })) });
    return conversationIds;
  });
  families.forEach(({ household }, i) => publish(household.map((g) => g.id), { type: 'conversation.message', id: ids[i]! }));
  return { conversationIds: ids };
}

export async function readConversation(ctx: Ctx, conversationId: string): Promise<ConversationDetail> {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  await repo.markRead(ctx.db, conversationId, ctx.actor.personId, ctx.clock.now());
  const active = participants.filter((p) => p.removed_at === null);
  const isStaff = canManageParticipants(ctx.actor, active);
  const [messages, roles, notifications] = await Promise.all([
    repo.findMessages(ctx.db, conversationId),
    repo.findStaffForStudent(ctx.db, conversation.student_id, conversation.school_id, active.filter((p) => p.kind === 'staff').map((p) => p.person_id)),
    isStaff ? repo.findMessageNotifications(ctx.db, conversationId) : Promise.resolve([]),
  ]);
  const readAt = (p: (typeof participants)[number]) => (p.person_id === ctx.actor.personId ? ctx.clock.now() : p.last_read_at);
  // The others' receipts change only if this read took in someone else's message: then their open pages refetch.
  // Telling them on every read would have two open pages refetch each other without end.
  const reader = participants.find((p) => p.person_id === ctx.actor.personId);
  const readBefore = reader?.last_read_at ?? null;
  if (reader && messages.some((m) => m.sender_id !== ctx.actor.personId && (readBefore === null || m.created_at > readBefore))) {
    publish(active.map((p) => p.person_id).filter((id) => id !== ctx.actor.personId), { type: 'conversation.read', id: conversationId });
  }
  return {
    id: conversation.id,
    subject: conversation.subject,
    topic: conversation.topic,
    student: { id: conversation.student_id, givenName: conversation.given_name, familyName: conversation.family_name },
    participants: active.map((p) => ({ personId: p.person_id, givenName: p.given_name, familyName: p.family_name, kind: p.kind, role: p.kind === 'staff' ? roleFor(roles, p.person_id) : null })),
    messages: messages.map((m) => ({
      id: m.id,
      sender: { personId: m.sender_id, givenName: m.given_name, familyName: m.family_name },
      body: m.body,
      tone: m.tone,
      createdAt: m.created_at.toISOString(),
      readBy: active.filter((p) => p.person_id !== m.sender_id && (readAt(p)?.getTime() ?? 0) >= m.created_at.getTime()).map((p) => p.person_id),
      receipts: receiptsFor(ctx.actor, conversation.school_id, active, m, notifications, readAt),
    })),
    may: { setTone: canSetTone(ctx.actor, active), manageParticipants: isStaff },
  };
}

export async function postMessage(ctx: Ctx, conversationId: string, input: { body: string; tone: MessageTone }) {
  const { participants } = await loadReadable(ctx, conversationId);
  // Tone is the school's judgement of its own message; a guardian's message is neutral.
  const tone = canSetTone(ctx.actor, participants) ? input.tone : 'neutral';
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const messageId = await repo.insertMessage(tx, { conversationId, senderId: ctx.actor.personId, body: input.body, tone, at });
    await notifyMessage(tx, { messageId, conversationId, senderId: ctx.actor.personId, at });
    return messageId;
  });
  publish(participants.filter((p) => p.removed_at === null && p.person_id !== ctx.actor.personId).map((p) => p.person_id), { type: 'conversation.message', id: conversationId });
  return { id };
}

/** A page of the actor's conversations, newest first: the first, or the one after `before` (show older). */
export async function listConversations(ctx: Ctx, query: { before?: string }, limit = 20) {
  // One more than a page says whether there is a next one.
  const rows = await repo.findConversationsOf(ctx.db, ctx.actor.personId, limit + 1, query.before);
  return {
    conversations: presentConversationList(ctx.actor, rows.slice(0, limit)),
    nextBefore: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/** A page of conversation rows as the list shows them, to this actor (also the inbox's, inbox.service.ts). */
export function presentConversationList(actor: Actor, rows: Awaited<ReturnType<typeof repo.findConversationsOf>>) {
  // A guardian's old threads about a student they no longer have access to are closed (5.1).
  const visible = rows.filter((r) => !actor.guardianOf.some((g) => g.studentId === r.student_id && !g.hasAccess));
  return visible.map((r) => ({
    id: r.id,
    subject: r.subject,
    topic: r.topic,
    student: { id: r.student_id, givenName: r.given_name, familyName: r.family_name },
    lastMessageAt: r.last_message_at.toISOString(),
    lastMessagePreview: (r.last_body ?? '').slice(0, repo.PREVIEW_CHARS),
    unread: r.unread ?? 0,
  }));
}
