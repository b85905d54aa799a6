// Who is in a conversation: staff in it bring in a colleague (1.5: the sosiallærer, the rektor) or a guardian
// with access to the student, and take someone out (9.9 may require it). The candidates offered are exactly
// the people an add accepts, so the list and the rule cannot drift apart.
import type { Ctx } from '../core/context';
import type { ParticipantCandidates } from '@shared/contracts/messaging';
import type { StaffRole } from '../db/schema';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import * as repo from './conversations.repo';
import { canGuardianJoin, canManageParticipants, canReadConversation } from './conversations.policy';
import { publish } from './events';

export type StaffRow = Awaited<ReturnType<typeof repo.findStaffForStudent>>[number];
type Participant = Awaited<ReturnType<typeof repo.findParticipants>>[number];

/** The order in which a person's roles say who they are to this student's family. */
const ROLE_ORDER: StaffRole[] = ['kontaktlaerer', 'aks_baseleder', 'faglaerer', 'sosiallaerer', 'miljoarbeider', 'rektor', 'avdelingsleder', 'kontor', 'helsesykepleier'];
const byRoleOrder = (a: StaffRow, b: StaffRow) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);

/** A role held for this student: school-wide, or for a group the student is in. */
export const concernsStudent = (r: StaffRow): boolean => r.group_id === null || r.enrolled !== null;

/** The role that makes this person a reader of a conversation about the student (null: none of theirs is). */
export function roleFor(rows: StaffRow[], personId: string): StaffRole | null {
  return rows.filter((r) => r.id === personId && concernsStudent(r)).sort(byRoleOrder)[0]?.role ?? null;
}

export async function loadReadable(ctx: Ctx, conversationId: string) {
  const conversation = await repo.findConversation(ctx.db, conversationId);
  if (!conversation) throw notFound('conversation');
  const participants = await repo.findParticipants(ctx.db, conversationId);
  if (!canReadConversation(ctx.actor, conversation, participants)) throw notFound('conversation');
  return { conversation, participants };
}

async function candidatesFor(ctx: Ctx, conversation: { school_id: string; student_id: string }, participants: Participant[]) {
  const active = new Set(participants.filter((p) => p.removed_at === null).map((p) => p.person_id));
  const present = participants.filter((p) => p.kind === 'guardian' && p.removed_at === null);
  const [roles, guardians] = await Promise.all([
    repo.findStaffForStudent(ctx.db, conversation.student_id, conversation.school_id),
    repo.findGuardiansWithAccess(ctx.db, conversation.student_id, osloDate(ctx.clock.now())),
  ]);
  // The school nurse belongs to the health service (1.6): school data does not flow to her by default.
  const colleagues = roles.filter((r) => r.role !== 'helsesykepleier' && !active.has(r.id));
  const staff = [...new Set(colleagues.map((r) => r.id))].map((id) => {
    const mine = colleagues.filter((r) => r.id === id).sort((a, b) => Number(concernsStudent(b)) - Number(concernsStudent(a)) || byRoleOrder(a, b));
    return { personId: id, givenName: mine[0]!.given_name, familyName: mine[0]!.family_name, roles: mine.map((r) => ({ role: r.role, groupName: r.group_name })) };
  });
  return {
    staff,
    guardians: guardians
      .filter((g) => !active.has(g.id) && canGuardianJoin(g, present))
      .map((g) => ({ personId: g.id, givenName: g.given_name, familyName: g.family_name, kind: 'guardian' as const, role: null })),
  };
}

/** Whom the staff in a conversation may bring in; refused (404) to anyone who may not manage its participants. */
export async function listCandidates(ctx: Ctx, conversationId: string): Promise<ParticipantCandidates> {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  if (!canManageParticipants(ctx.actor, participants)) throw notFound('conversation');
  return candidatesFor(ctx, conversation, participants);
}

export async function addParticipant(ctx: Ctx, conversationId: string, personId: string) {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  if (!canManageParticipants(ctx.actor, participants)) throw notFound('conversation');
  const { staff, guardians } = await candidatesFor(ctx, conversation, participants);
  const kind = staff.some((s) => s.personId === personId) ? 'staff' : guardians.some((g) => g.personId === personId) ? 'guardian' : null;
  if (!kind) {
    throw new AppError('conflict', 'Only colleagues at this school, or guardians with access to the student who may share this conversation (9.9), can be added');
  }
  await repo.insertParticipants(ctx.db, [{ conversationId, personId, kind, addedBy: ctx.actor.personId, at: ctx.clock.now() }]);
  publish([personId, ...participants.filter((p) => p.removed_at === null && p.person_id !== ctx.actor.personId).map((p) => p.person_id)], { type: 'conversation.message', id: conversationId });
  return { ok: true as const };
}

/**
 * Takes someone out (9.9 may require it), but never so that the family talks to nobody: the last person from the
 * school stays until a colleague is brought in, and the guardian who started the conversation keeps it (a parent
 * who loses access loses it by the access rule, not by being taken out).
 */
export async function removeParticipant(ctx: Ctx, conversationId: string, personId: string) {
  const { conversation, participants } = await loadReadable(ctx, conversationId);
  if (!canManageParticipants(ctx.actor, participants)) throw notFound('conversation');
  const active = participants.filter((p) => p.removed_at === null);
  const target = active.find((p) => p.person_id === personId);
  if (!target) throw notFound('participant');
  if (target.kind === 'guardian' && conversation.started_by === personId) throw new AppError('conversation_starter', 'The guardian who started the conversation keeps it');
  if (target.kind === 'staff' && !active.some((p) => p.kind === 'staff' && p.person_id !== personId)) {
    throw new AppError('last_school_participant', 'Someone from the school must stay in the conversation');
  }
  await repo.removeParticipant(ctx.db, conversationId, personId, ctx.clock.now());
  // Their open page refetches and finds the conversation gone; the others see who is left.
  publish(participants.filter((p) => p.removed_at === null && p.person_id !== ctx.actor.personId).map((p) => p.person_id), { type: 'conversation.message', id: conversationId });
  return { ok: true as const };
}
