// The destroy half of the large neighbourhood search: each operator takes a handful of conversations out of the
// schedule, chosen so that putting them back can find something better (siblings moved next to each other, a
// teacher's afternoon packed tighter, room made for a request nobody could place). Fixed bookings never move.
import type { Rng } from './random';
import { startOf, unplace, type State } from './state';

/** A request taken out, with where it was, so the move can be undone. */
export interface Removed { r: number; ci: number; interp: number[] }

export interface DestroyContext {
  s: State;
  rng: Rng;
  size: number;
  /** Requests per household. */
  byHousehold: number[][];
  /** Placeable requests that are unplaced now. */
  unplaced: number[];
  /** Set by an operator: the request the repair puts back first, before what was taken out. */
  first?: number;
}

export type DestroyOperator = (ctx: DestroyContext) => Removed[];

function take(s: State, r: number, out: Removed[]): void {
  if (s.cand[r]! < 0 || s.locked[r]) return;
  out.push({ r, ci: s.cand[r]!, interp: s.interp[r]! });
  unplace(s, r);
}

/** The requests in one person's row of an occupancy array between slots lo and hi. */
export function occupants(occ: Int32Array, base: number, lo: number, hi: number): number[] {
  const found: number[] = [];
  for (let k = base + lo; k < base + hi; k++) {
    const r = occ[k]!;
    if (r >= 0 && found[found.length - 1] !== r) found.push(r);
  }
  return found;
}

/** A few households, all their conversations. */
export const randomHouseholds: DestroyOperator = ({ s, rng, size, byHousehold }) => {
  const out: Removed[] = [];
  for (let tries = 0; out.length < size && tries < size * 4; tries++) for (const r of byHousehold[rng.int(byHousehold.length)]!) take(s, r, out);
  return out;
};

/** A household's cost: an extra day dwarfs any idle time. */
function householdCost(s: State, h: number): number {
  const D = s.model.days.length;
  let days = 0;
  let idle = 0;
  for (let d = 0; d < D; d++) {
    const k = h * D + d;
    if (s.households.count[k] === 0) continue;
    days++;
    idle += s.households.last[k]! - s.households.first[k]! - s.households.busy[k]!;
  }
  return days > 1 ? (days - 1) * 1000 + idle : idle;
}

/**
 * The households that come most often or wait longest, their conversations, and the conversations their teachers
 * hold near the household's other conversations, so that a sibling's talk can move beside another's.
 */
export const worstHouseholds: DestroyOperator = ({ s, rng, size, byHousehold }) => {
  const { model } = s;
  const costly: [number, number][] = [];
  byHousehold.forEach((_, h) => {
    const c = householdCost(s, h);
    if (c > 0) costly.push([c, h]);
  });
  if (costly.length === 0) return [];
  costly.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const out: Removed[] = [];
  for (let tries = 0; out.length < size && tries < 4; tries++) {
    // Biased to the worst, but not always the same one.
    const h = costly[Math.floor(costly.length * rng.next() ** 3)]![1];
    const mine = byHousehold[h]!.filter((r) => s.cand[r]! >= 0);
    const starts = mine.map((r) => startOf(s, r));
    for (const r of mine) take(s, r, out);
    for (const r of mine) {
      const req = model.requests[r]!;
      for (const g of starts) {
        const day = model.days[model.dayOf[g]!]!;
        const lo = Math.max(day.offset, g - req.duration - 1);
        const hi = Math.min(day.offset + day.slots, g + 2 * req.duration + 1);
        for (const q of occupants(s.teachers.occ, req.teacher * model.slotCount, lo, hi)) take(s, q, out);
      }
    }
  }
  return out;
};

/** A stretch of one teacher's day. */
export const teacherDay: DestroyOperator = ({ s, rng, size }) => {
  const { model } = s;
  const D = model.days.length;
  for (let tries = 0; tries < 10; tries++) {
    const t = rng.int(model.teachers.length);
    const d = rng.int(D);
    if (s.teachers.count[t * D + d] === 0) continue;
    const mine = occupants(s.teachers.occ, t * model.slotCount, s.teachers.first[t * D + d]!, s.teachers.last[t * D + d]!);
    const from = rng.int(Math.max(1, mine.length - size + 1));
    const out: Removed[] = [];
    for (const r of mine.slice(from, from + size)) take(s, r, out);
    return out;
  }
  return [];
};

/** Everything in a short window of one day, across teachers (a sample of it when that is too much). */
export const timeWindow: DestroyOperator = ({ s, rng, size }) => {
  const { model } = s;
  const day = rng.pick(model.days);
  const width = rng.between(3, 8);
  const lo = day.offset + rng.int(Math.max(1, day.slots - width));
  const found = new Set<number>();
  model.teachers.forEach((_, t) => {
    for (const r of occupants(s.teachers.occ, t * model.slotCount, lo, Math.min(lo + width, day.offset + day.slots))) found.add(r);
  });
  const out: Removed[] = [];
  for (const r of rng.shuffle([...found]).slice(0, size)) take(s, r, out);
  return out;
};

/** Takes out whoever occupies request r's people and interpreters around start g, r's own neighbours included. */
function clearAround(s: State, rng: Rng, r: number, g: number, out: Removed[]): void {
  const { model } = s;
  const req = model.requests[r]!;
  const e = g + req.duration;
  const G = model.slotCount;
  const { teachers } = req;
  const day = model.days[model.dayOf[g]!]!;
  // Neighbours too, so that the teacher's day can be packed anew around the newcomer.
  const reach = rng.int(3) * req.duration;
  for (const t of teachers) {
    for (const q of occupants(s.teachers.occ, t * G, Math.max(day.offset, g - reach), Math.min(day.offset + day.slots, e + reach))) take(s, q, out);
    // A full day: one conversation has to make way.
    const d = model.dayOf[g]!;
    const k = t * model.days.length + d;
    if (s.teachers.count[k]! >= model.teachers[t]!.maxPerDay) {
      const mine = occupants(s.teachers.occ, t * G, s.teachers.first[k]!, s.teachers.last[k]!);
      take(s, rng.pick(mine), out);
    }
  }
  for (const h of req.households) for (const q of occupants(s.households.occ, h * G, g, e)) take(s, q, out);
  for (const lang of req.languages) {
    const p = rng.pick(s.speakers[lang]!);
    const travel = model.interpreters[p]!.travel;
    for (const q of occupants(s.interpreters.occ, p * G, Math.max(day.offset, g - travel), Math.min(day.offset + day.slots, e + travel))) take(s, q, out);
  }
}

/**
 * Whatever stands in the way of an unplaced request at one of its possible times. Half the time the request is
 * one of a household with no conversation yet, when there is one: reaching it is worth more than any other.
 */
export const blockers: DestroyOperator = (ctx) => {
  const { s, rng, unplaced } = ctx;
  if (unplaced.length === 0) return [];
  const unreached = unplaced.filter((q) => s.model.requests[q]!.households.some((h) => s.placedOf[h] === 0));
  const r = rng.pick(unreached.length > 0 && rng.chance(0.5) ? unreached : unplaced);
  const req = s.model.requests[r]!;
  const out: Removed[] = [];
  clearAround(s, rng, r, req.candidates[rng.int(req.candidates.length)]!, out);
  // Half the time r goes in first, and what it displaced competes for what is left: this is how the choice of who
  // stays out changes (a sibling's second talk rather than a family's only one, or one that frees better times).
  if (rng.chance(0.5)) ctx.first = r;
  return out;
};

/**
 * A conversation at a time its household likes less than another it could have: it, and whatever stands at the
 * better time. Of a few drawn at random, the one furthest from its best time.
 */
export const betterTime: DestroyOperator = ({ s, rng }) => {
  const { model } = s;
  let pick = -1;
  let excess = 0;
  for (let tries = 0; tries < 8; tries++) {
    const r = rng.int(model.requests.length);
    const ci = s.cand[r]!;
    if (ci < 0 || s.locked[r]) continue;
    const penalty = model.requests[r]!.penalty;
    let least = penalty[ci]!;
    for (const p of penalty) least = Math.min(least, p);
    if (penalty[ci]! - least > excess) {
      excess = penalty[ci]! - least;
      pick = r;
    }
  }
  if (pick < 0) return [];
  const req = model.requests[pick]!;
  const better: number[] = [];
  req.penalty.forEach((p, c) => {
    if (p < req.penalty[s.cand[pick]!]!) better.push(c);
  });
  const out: Removed[] = [];
  take(s, pick, out);
  clearAround(s, rng, pick, req.candidates[rng.pick(better)]!, out);
  return out;
};

export const destroyOperators: { name: string; run: DestroyOperator }[] = [
  { name: 'random households', run: randomHouseholds },
  { name: 'worst households', run: worstHouseholds },
  { name: 'teacher day', run: teacherDay },
  { name: 'time window', run: timeWindow },
  { name: 'blockers of an unplaced request', run: blockers },
  { name: 'a better time for a household', run: betterTime },
];
