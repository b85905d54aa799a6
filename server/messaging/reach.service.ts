// Whom the school has not reached (seed 000/002: reach every family, in their language, and not only about problems).
import type { Ctx } from '../core/context';
import { notFound } from '../core/errors';
import { osloDate, osloMidnight } from '@shared/dates';
import type { SchoolReachResponse } from '@shared/contracts/messaging';
import { findGroup } from '../classes/classes.repo';
import { findSchoolsByIds } from '../org/org.repo';
import type { AddressProtection } from '../db/schema';
import { canReadGroupRoster, contactVisibilityForStaff } from '../classes/classes.policy';
import type { Actor } from '../access/actor';
import * as repo from './reach.repo';
import { canReadSchoolReach } from './reach.policy';
import { auditReads } from '../audit/audit.service';

const REACH_DAYS = 30;

/** Preferred languages that need no interpreter at a Norwegian school: the school view counts the others. */
const NORWEGIAN = ['nb', 'nn', 'no'] as const;

/** The span reach is measured over, ending now: the date guardian access is judged on, and its start. */
function reachSpan(ctx: Ctx) {
  const now = ctx.clock.now();
  return { onDate: osloDate(now), since: new Date(now.getTime() - REACH_DAYS * 86_400_000) };
}

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
  const { onDate, since } = reachSpan(ctx);
  const rows = await repo.findGuardianReach(ctx.db, groupId, onDate, since);

  const reachedFamilies = new Set(rows.filter((r) => r.reached).map((r) => r.student_id));
  const notReached = rows.filter((r) => !reachedFamilies.has(r.student_id));
  const guardian = reachGuardian(ctx.actor, group.school_id);
  const guardians = byGuardian(rows, guardian);
  const listed = byGuardian(notReached, guardian);
  // The numbers to call are contact details, read as the roster's are: the read is audited, and so is each
  // protected guardian's number shown (to staff designated for them).
  const isProtected = new Set(rows.filter((r) => r.address_protection !== 'none').map((r) => r.guardian_id));
  await auditReads(ctx, [
    { action: 'group_reach.read', subjectType: 'group', subjectId: group.id },
    ...listed.filter((g) => g.phone !== null && isProtected.has(g.personId)).map((g) => ({ action: 'protected_details.read', subjectType: 'person', subjectId: g.personId })),
  ]);
  return {
    group: { id: group.id, name: group.name },
    days: REACH_DAYS,
    notReachedFamilies: new Set(notReached.map((r) => r.student_id)).size,
    notReached: byLanguage(listed),
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
    const entry = guardians.get(r.guardian_id) ?? guardian(r);
    entry.students.push(`${r.student_given_name} ${r.student_family_name}`);
    guardians.set(r.guardian_id, entry);
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
    personId: r.guardian_id, givenName: r.given_name, familyName: r.family_name, students: [] as string[], language: r.preferred_language,
    interpreterNeeded: r.interpreter_needed,
    channelsHidden: !shown,
    hasLogin: shown && r.has_login,
    hasEmail: shown && r.has_email,
    emailBounced: shown && r.email_bounced,
    hasPhone: shown && r.has_phone,
    phone: shown && r.has_phone ? r.phone : null,
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

/**
 * The address protections whose channels the reader may know at this school, by the rule the class view applies to
 * each guardian (contactVisibilityForStaff: strengt fortrolig only for staff designated for protected persons).
 */
const channelsShownAt = (actor: Actor, schoolId: string): AddressProtection[] =>
  (['none', 'fortrolig', 'strengt_fortrolig'] as const).filter((p) => contactVisibilityForStaff(actor, schoolId, p).phoneAndEmail);

/**
 * Per class and AKS group of the school, and for the whole school: the families, those not reached in 30 days,
 * the guardians without a working channel, and the families by each preferred language other than Norwegian, all
 * with the class view's definitions (reach.repo's guardianReachRows), counted in two statements for the school.
 *
 * A strengt fortrolig guardian (9.8) counts for the reader exactly as the class view shows her to the same person.
 * To staff not designated for protected persons her channels are hidden, and the class view leaves her out of
 * "no working channel"; so do these counts: were she counted, a class's number going up by one for her would say
 * that Tillit holds no login, e-mail or phone for her. Her family counts among the families, among those not
 * reached (the class view lists her there, channels hidden), and under her language (the roster shows it).
 */
export async function readSchoolReach(ctx: Ctx, schoolId: string): Promise<SchoolReachResponse> {
  const [school] = await findSchoolsByIds(ctx.db, [schoolId]);
  if (!school || !canReadSchoolReach(ctx.actor, school)) throw notFound('school');
  const { onDate, since } = reachSpan(ctx);
  const [counts, languages] = await Promise.all([
    repo.countSchoolReach(ctx.db, schoolId, onDate, since, channelsShownAt(ctx.actor, schoolId)),
    repo.countSchoolLanguages(ctx.db, schoolId, onDate, since, NORWEGIAN),
  ]);
  const of = (groupId: string | null) => ({
    languages: languages.filter((l) => l.group_id === groupId).map((l) => ({ language: l.language, families: l.families, needInterpreter: l.need_interpreter })),
  });
  const total = counts.find((c) => c.id === null);
  return {
    school: { id: school.id, name: school.name },
    days: REACH_DAYS,
    groups: counts.flatMap((c) => (c.id === null ? [] : [{
      id: c.id, name: c.name!, kind: c.kind!,
      families: c.families, notReachedFamilies: c.not_reached_families, noChannelGuardians: c.no_channel_guardians, ...of(c.id),
    }])),
    total: {
      families: total?.families ?? 0, notReachedFamilies: total?.not_reached_families ?? 0, noChannelGuardians: total?.no_channel_guardians ?? 0, ...of(null),
    },
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
