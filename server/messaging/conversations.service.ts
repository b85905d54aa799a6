// Conversations between a family and the school. A guardian's question is routed as seed 001 says:
// academic or social → the contact teacher; AKS time → the AKS base leader; practical or unsure → the office.
import type { Ctx } from '../core/context';
import type { ConversationTopic, MessageTone } from './messaging.tables';
import type { ConversationDetail } from '@shared/contracts/messaging';
import type { StaffRole } from '../db/schema';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import * as repo from './conversations.repo';
import { findGroupsOfStudents } from '../family/family.repo';
import { findStudentNamesAtSchool } from './announcements.repo';
import { canManageParticipants, canReadConversation, canStartConversationAbout, canWriteToFamilyOf } from './conversations.policy';
import { checkContent, throwOnWarnings } from './content-check';
import { publish } from './events';
import { notifyMessage } from '../notifications/notifications.service';

const ROUTES: Record<ConversationTopic, StaffRole[]> = {
  academic: ['kontaktlaerer'],
  social: ['kontaktlaerer'],
  aks: ['aks_baseleder'],
  practical: ['kontor'],
  other: ['kontor'],
};
/** When nobody holds the role (no AKS enrolment, no office staff), the question goes here instead. */
const FALLBACK: StaffRole[][] = [['kontor'], ['rektor']];

type StaffRow = Awaited<ReturnType<typeof repo.findStaffForStudent>>[number];

function routeStaff(staff: StaffRow[], topic: ConversationTopic): StaffRow[] {
  for (const roles of [ROUTES[topic], ...FALLBACK]) {
    const found = staff.filter((s) => roles.includes(s.role) && (s.group_id === null || s.enrolled !== null));
    if (found.length > 0) return [...new Map(found.map((s) => [s.id, s])).values()];
  }
  return [];
}

/**
 * The guardians who take part by default: everyone with access to the child (1.3), but where either the writer
 * or another guardian has a protected address, nobody is copied in automatically (9.9).
 */
function defaultGuardians(guardians: Awaited<ReturnType<typeof repo.findGuardiansWithAccess>>, writerId: string | null) {
  const writer = guardians.find((g) => g.id === writerId);
  const anyProtected = guardians.some((g) => g.address_protection !== 'none');
  if (writer && anyProtected) return [writer];
  if (anyProtected) return guardians.filter((g) => g.address_protection === 'none');
  return guardians;
}

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
    guardians: defaultGuardians(guardians, ctx.actor.personId).map((g) => view(g, 'guardian', null)),
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

/** Staff write to one or several families: one conversation per child, each with that child's guardians. */
export async function writeToFamilies(
  ctx: Ctx,
  input: { studentIds: string[]; subject: string; body: string; tone: MessageTone; confirmWarnings: boolean },
): Promise<{ conversationIds: string[] }> {
  const studentIds = [...new Set(input.studentIds)];
  const [found, groups] = await Promise.all([repo.findStudentContexts(ctx.db, studentIds), findGroupsOfStudents(ctx.db, studentIds)]);
  const students = studentIds.map((id) => found.find((s) => s.id === id));
  for (const s of students) {
    const groupIds = groups.filter((g) => g.student_id === s?.id).map((g) => g.id);
    if (!s || !canWriteToFamilyOf(ctx.actor, { schoolId: s.school_id, groupIds })) throw notFound('student');
  }
  if (studentIds.length > 1 && !input.confirmWarnings) {
    const others = await findStudentNamesAtSchool(ctx.db, students[0]!.school_id);
    throwOnWarnings(checkContent(`${input.subject}\n${input.body}`, others));
  }
  const at = ctx.clock.now();
  const today = osloDate(at);
  const created: { id: string; readers: string[] }[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    for (const s of students) {
      const guardians = defaultGuardians(await repo.findGuardiansWithAccess(tx, s!.id, today), null);
      const conversationId = await repo.insertConversation(tx, { schoolId: s!.school_id, studentId: s!.id, topic: 'other', subject: input.subject, startedBy: ctx.actor.personId, at });
      await repo.insertParticipants(tx, [
        { conversationId, personId: ctx.actor.personId, kind: 'staff', addedBy: null, at },
        ...guardians.map((g) => ({ conversationId, personId: g.id, kind: 'guardian' as const, addedBy: ctx.actor.personId, at })),
      ]);
      const messageId = await repo.insertMessage(tx, { conversationId, senderId: ctx.actor.personId, body: input.body, tone: input.tone, at });
      await notifyMessage(tx, { messageId, conversationId, senderId: ctx.actor.personId, at });
      created.push({ id: conversationId, readers: guardians.map((g) => g.id) });
    }
  });
  for (const c of created) publish(c.readers, { type: 'conversation.message', id: c.id });
  return { conversationIds: created.map((c) => c.id) };
}

async function loadReadable(ctx: Ctx, conversationId: string) {
  const conversation = await repo.findConversation(ctx.db, conversationId);
  if (!conversation) throw notFound('conversation');
  const participants = await repo.findParticipants(ctx.db, conversationId);
  if (!canReadConversation(ctx.actor, conversation, participants)) throw notFound('conversation');
  return { conversation, participants };
}

export async function readConversation(ctx: Ctx, conversationId: string): Promise<ConversationDetail> {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  await repo.markRead(ctx.db, conversationId, ctx.actor.personId, ctx.clock.now());
  const messages = await repo.findMessages(ctx.db, conversationId);
  const active = participants.filter((p) => p.removed_at === null);
  const readAt = (p: (typeof participants)[number]) => (p.person_id === ctx.actor.personId ? ctx.clock.now() : p.last_read_at);
  const staffSet = new Set(active.filter((p) => p.kind === 'staff').map((p) => p.person_id));
  publish([...staffSet].filter((id) => id !== ctx.actor.personId), { type: 'conversation.read', id: conversationId });
  return {
    id: conversation.id,
    subject: conversation.subject,
    topic: conversation.topic,
    student: { id: conversation.student_id, givenName: conversation.given_name, familyName: conversation.family_name },
    participants: active.map((p) => ({ personId: p.person_id, givenName: p.given_name, familyName: p.family_name, kind: p.kind, role: null })),
    messages: messages.map((m) => ({
      id: m.id,
      sender: { personId: m.sender_id, givenName: m.given_name, familyName: m.family_name },
      body: m.body,
      tone: m.tone,
      createdAt: m.created_at.toISOString(),
      readBy: active.filter((p) => p.person_id !== m.sender_id && (readAt(p)?.getTime() ?? 0) >= m.created_at.getTime()).map((p) => p.person_id),
    })),
  };
}

export async function postMessage(ctx: Ctx, conversationId: string, input: { body: string; tone: MessageTone }) {
  const { participants } = await loadReadable(ctx, conversationId);
  const isStaff = participants.some((p) => p.person_id === ctx.actor.personId && p.kind === 'staff');
  // Tone is the school's judgement of its own message; a guardian's message is neutral.
  const tone = isStaff ? input.tone : 'neutral';
  const at = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const messageId = await repo.insertMessage(tx, { conversationId, senderId: ctx.actor.personId, body: input.body, tone, at });
    await notifyMessage(tx, { messageId, conversationId, senderId: ctx.actor.personId, at });
    return messageId;
  });
  publish(participants.filter((p) => p.removed_at === null && p.person_id !== ctx.actor.personId).map((p) => p.person_id), { type: 'conversation.message', id: conversationId });
  return { id };
}

export async function listConversations(ctx: Ctx, limit = 20) {
  const rows = await repo.findConversationsOf(ctx.db, ctx.actor.personId, limit);
  // A guardian's old threads about a student they no longer have access to are closed (5.1).
  const visible = rows.filter((r) => !ctx.actor.guardianOf.some((g) => g.studentId === r.student_id && !g.hasAccess));
  return visible.map((r) => ({
    id: r.id,
    subject: r.subject,
    topic: r.topic,
    student: { id: r.student_id, givenName: r.given_name, familyName: r.family_name },
    lastMessageAt: r.last_message_at.toISOString(),
    lastMessagePreview: (r.last_body ?? '').slice(0, 140),
    unread: r.unread ?? 0,
  }));
}

export async function addParticipant(ctx: Ctx, conversationId: string, personId: string) {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  if (!canManageParticipants(ctx.actor, participants)) throw notFound('conversation');
  const [colleague, guardians] = await Promise.all([
    repo.findStaffAtSchool(ctx.db, personId, conversation.school_id),
    repo.findGuardiansWithAccess(ctx.db, conversation.student_id, osloDate(ctx.clock.now())),
  ]);
  const guardian = guardians.find((g) => g.id === personId);
  const isColleague = colleague.some((r) => r.role !== 'helsesykepleier');
  if (!isColleague && !guardian) throw new AppError('conflict', 'Only staff of this school or guardians with access to the student can be added');
  if (guardian) {
    // 9.9: never bring one parent into the other's conversation when either has a protected address.
    const present = participants.filter((p) => p.kind === 'guardian' && p.removed_at === null);
    if (present.length > 0 && (guardian.address_protection !== 'none' || present.some((p) => p.address_protection !== 'none'))) {
      throw new AppError('conflict', 'A guardian with a protected address cannot share a conversation with the other guardian');
    }
  }
  await repo.insertParticipants(ctx.db, [{ conversationId, personId, kind: guardian ? 'guardian' : 'staff', addedBy: ctx.actor.personId, at: ctx.clock.now() }]);
  publish([personId], { type: 'conversation.message', id: conversationId });
  return { ok: true as const };
}

export async function removeParticipant(ctx: Ctx, conversationId: string, personId: string) {
  const { participants } = await loadReadable(ctx, conversationId);
  if (!canManageParticipants(ctx.actor, participants)) throw notFound('conversation');
  if (!participants.some((p) => p.person_id === personId && p.removed_at === null)) throw notFound('participant');
  await repo.removeParticipant(ctx.db, conversationId, personId, ctx.clock.now());
  return { ok: true as const };
}
