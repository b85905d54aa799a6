// Whom the school has not reached (seed 000/002: reach every family, in their language, and not only about problems).
import type { Ctx } from '../core/context';
import { notFound } from '../core/errors';
import { osloDate, osloMidnight } from '@shared/dates';
import { findGroup } from '../classes/classes.repo';
import type { Actor } from '../access/actor';
import { canReadGroupRoster, contactVisibilityForStaff } from '../classes/classes.policy';
import * as repo from './reach.repo';

const REACH_DAYS = 30;

async function loadGroup(ctx: Ctx, groupId: string) {
  const group = await findGroup(ctx.db, groupId);
  if (!group || !canReadGroupRoster(ctx.actor, group)) throw notFound('group');
  return group;
}

type ReachRow = Awaited<ReturnType<typeof repo.findGuardianReach>>[number];

/**
 * Families nobody reached in 30 days, and guardians no channel reaches (no app login, no e-mail that arrives, no
 * phone), each list by preferred language: whom to call or write to on paper, and where an interpreter is needed.
 */
export async function readReach(ctx: Ctx, groupId: string) {
  const group = await loadGroup(ctx, groupId);
  const now = ctx.clock.now();
  const rows = await repo.findGuardianReach(ctx.db, groupId, osloDate(now), new Date(now.getTime() - REACH_DAYS * 86_400_000));

  const reachedFamilies = new Set(rows.filter((r) => r.reached).map((r) => r.student_id));
  const notReached = rows.filter((r) => !reachedFamilies.has(r.student_id));
  const guardian = reachGuardian(ctx.actor, group.school_id);
  const guardians = byGuardian(rows, guardian);
  return {
    group: { id: group.id, name: group.name },
    days: REACH_DAYS,
    notReachedFamilies: new Set(notReached.map((r) => r.student_id)).size,
    notReached: byLanguage(byGuardian(notReached, guardian)),
    // A guardian whose channels this reader may not know is in neither list's channel facts: being listed here
    // would say that Tillit holds no phone or e-mail for them.
    noChannel: byLanguage(guardians.filter((g) => !g.channelsHidden && !g.hasLogin && !g.hasEmail && !g.hasPhone)),
  };
}

type ReachGuardian = ReturnType<ReturnType<typeof reachGuardian>>;

/** One entry per guardian (a parent of two children in the group is one person to call), in the rows' order. */
function byGuardian(rows: ReachRow[], guardian: (r: ReachRow) => ReachGuardian) {
  const guardians = new Map<string, ReachGuardian>();
  for (const r of rows) {
    const entry = guardians.get(r.id) ?? guardian(r);
    entry.students.push(`${r.student_given_name} ${r.student_family_name}`);
    guardians.set(r.id, entry);
  }
  return [...guardians.values()];
}

/**
 * Which channels reach a guardian says which contact details Tillit holds: for strengt fortrolig (9.8) they are
 * shown as in the roster, to staff designated for protected persons only; to others the channels are hidden.
 */
const reachGuardian = (actor: Actor, schoolId: string) => (r: ReachRow) => {
  const shown = contactVisibilityForStaff(actor, schoolId, r.address_protection).phoneAndEmail;
  return {
    personId: r.id, givenName: r.given_name, familyName: r.family_name, students: [] as string[], language: r.preferred_language,
    interpreterNeeded: r.interpreter_needed,
    channelsHidden: !shown,
    hasLogin: shown && r.user_id !== null,
    hasEmail: shown && !!r.email && !r.bounced,
    emailBounced: shown && !!r.email && !!r.bounced,
    hasPhone: shown && !!r.phone,
  };
};

function byLanguage(guardians: ReachGuardian[]) {
  const groups = new Map<string, ReachGuardian[]>();
  for (const g of guardians) groups.set(g.language, [...(groups.get(g.language) ?? []), g]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([language, list]) => ({
    language,
    interpreterNeeded: list.filter((g) => g.interpreterNeeded).length,
    guardians: list.map(({ language: _language, ...g }) => g),
  }));
}

/** The school year has two terms: August–December and January–June. */
export function termStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m >= 8 ? `${y}-08-01` : `${y}-01-01`;
}

export async function readPositiveContact(ctx: Ctx, groupId: string) {
  const group = await loadGroup(ctx, groupId);
  const start = termStart(osloDate(ctx.clock.now()));
  const rows = await repo.findToneCounts(ctx.db, groupId, osloMidnight(start));
  const students = rows.map((r) => ({
    id: r.id, givenName: r.given_name, familyName: r.family_name,
    lastPositiveAt: r.last_positive ? new Date(r.last_positive).toISOString() : null,
    concernsThisTerm: r.concerns,
    positivesThisTerm: r.positives,
  }));
  return {
    group: { id: group.id, name: group.name },
    termStart: start,
    students,
    onlyProblems: students.filter((s) => s.concernsThisTerm > 0 && s.positivesThisTerm === 0).map((s) => s.id),
  };
}
