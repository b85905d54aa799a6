// Whom the school has not reached (seed 000/002: reach every family, in their language, and not only about problems).
import type { Ctx } from '../core/context';
import { notFound } from '../core/errors';
import { osloDate, osloMidnight } from '@shared/dates';
import { findGroup } from '../classes/classes.repo';
import { canReadGroupRoster } from '../classes/classes.policy';
import * as repo from './reach.repo';

const REACH_DAYS = 30;

async function loadGroup(ctx: Ctx, groupId: string) {
  const group = await findGroup(ctx.db, groupId);
  if (!group || !canReadGroupRoster(ctx.actor, group)) throw notFound('group');
  return group;
}

/** Families nobody reached in 30 days, and guardians without the app, grouped by language: whom to call, where an interpreter is needed. */
export async function readReach(ctx: Ctx, groupId: string) {
  const group = await loadGroup(ctx, groupId);
  const now = ctx.clock.now();
  const rows = await repo.findGuardianReach(ctx.db, groupId, osloDate(now), new Date(now.getTime() - REACH_DAYS * 86_400_000));

  const families = new Map<string, typeof rows>();
  for (const r of rows) families.set(r.student_id, [...(families.get(r.student_id) ?? []), r]);
  const notReached = [...families.values()].filter((gs) => !gs.some((g) => g.reached)).map((gs) => ({
    student: { id: gs[0]!.student_id, givenName: gs[0]!.student_given_name, familyName: gs[0]!.student_family_name },
    guardians: gs.map((g) => ({ personId: g.id, givenName: g.given_name, familyName: g.family_name, preferredLanguage: g.preferred_language, interpreterNeeded: g.interpreter_needed })),
  }));

  // The app is the channel that carries everything; without a login a guardian depends on e-mail, SMS or a call.
  const byLanguage = new Map<string, ReturnType<typeof noChannelEntry>[]>();
  const seen = new Set<string>();
  for (const r of rows.filter((x) => !x.user_id)) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    byLanguage.set(r.preferred_language, [...(byLanguage.get(r.preferred_language) ?? []), noChannelEntry(r)]);
  }
  return {
    group: { id: group.id, name: group.name },
    days: REACH_DAYS,
    notReached,
    noChannel: [...byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([language, guardians]) => ({ language, guardians })),
  };
}

function noChannelEntry(r: Awaited<ReturnType<typeof repo.findGuardianReach>>[number]) {
  return {
    personId: r.id, givenName: r.given_name, familyName: r.family_name, studentName: `${r.student_given_name} ${r.student_family_name}`,
    hasLogin: r.user_id !== null, hasEmail: !!r.email, hasPhone: !!r.phone,
  };
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
  const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  const students = rows.map((r) => {
    const last = latest(r.last_positive_message ?? null, r.last_positive_announcement ?? null);
    return {
      id: r.id, givenName: r.given_name, familyName: r.family_name,
      lastPositiveAt: last ? new Date(last).toISOString() : null,
      concernsThisTerm: r.concerns ?? 0,
      positivesThisTerm: (r.positive_messages ?? 0) + (r.positive_announcements ?? 0),
    };
  });
  return {
    group: { id: group.id, name: group.name },
    termStart: start,
    students,
    onlyProblems: students.filter((s) => s.concernsThisTerm > 0 && s.positivesThisTerm === 0).map((s) => s.id),
  };
}
