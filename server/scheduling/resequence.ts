// The teacher-idle phase: an exact re-sequencing of one teacher's day. When every level but teacher idle is at its
// best, what is left is the order of a full teacher's conversations: on small-48-3 (seed 1) HiGHS, with all else
// fixed, finds the optimum by re-ordering one teacher's twelve conversations of one day (an unplaced request of
// hers may take a place, another stay out), which chains of four displacements do not reach. Here all her movable
// conversations of that day come out, and a depth-first search puts them back in time order, each at or after the
// end of the one before, so her idle time so far can only grow: it prunes by that and by a lower bound per level
// (as in polish.ts), and by dominance (the same conversations placed, ending at the same slot, at no better cost).
// Bounded by nodes, never by time, so deterministic; the best order is kept if the whole schedule is strictly
// better, level by level.
import { occupants } from './destroy';
import { compareCost, copyCost, type Cost, evaluate, householdRelief, place, put, type State, unplace, zeroCost } from './state';

/** Search nodes (times tried) per teacher's day, and at most this many conversations in the pool. */
export const RESEQUENCE_MAX_NODES = 20_000;
export const RESEQUENCE_MAX_POOL = 24;

interface Found { cost: Cost; cand: number[]; interp: number[][] }
interface Option { i: number; c: number; start: number; delta: number }

/** A change of levels 2–6 as one number that sorts as the tuple does (each level's change well within ±512). */
const deltaKey = (out: Cost): number => {
  let key = 0;
  for (let l = 1; l < 6; l++) key = key * 1024 + Math.max(-511, Math.min(511, out[l]!)) + 512;
  return key;
};

/**
 * Re-sequences teacher t's day d: her movable single-teacher conversations of the day and her unplaced requests
 * that can come that day. True when the schedule got strictly better (and is left that way).
 */
export function resequenceDay(s: State, t: number, d: number, maxNodes = RESEQUENCE_MAX_NODES): boolean {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  const k = t * D + d;
  const L = s.teachers;
  if (L.count[k]! < 2 || L.last[k]! - L.first[k]! === L.busy[k]!) return false;
  const mine = occupants(L.occ, t * G, L.first[k]!, L.last[k]!);
  // A locked conversation or one with two teachers stays where it is, and the sweep in time order would have to
  // step round it: such days are left alone.
  if (mine.some((r) => s.locked[r] || model.requests[r]!.second >= 0)) return false;
  const waiting = model.requests.filter((r) => r.teacher === t && r.second < 0 && !s.locked[r.index] && s.cand[r.index]! < 0 && r.byDay[d + 1]! > r.byDay[d]!).map((r) => r.index);
  const pool = [...mine, ...waiting];
  if (pool.length > RESEQUENCE_MAX_POOL) return false;
  const was = mine.map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! }));
  const before = [...s.cost] as Cost;
  const cap = model.teachers[t]!.maxPerDay;
  const householdsOf = pool.map((r) => model.requests[r]!.households);
  for (const r of mine) unplace(s, r);
  let best: Found | null = null;
  let nodes = 0;
  const out = zeroCost();
  const bound = zeroCost();
  const seen = new Map<number, Cost>();
  // Each conversation's cost at each of its starts that day with all the pool out (levels 2–5: a family reached,
  // its days, its waiting, the preference points), which no other conversation of the pool changes unless it
  // shares a family; and the least of each from each start on (what is left can only come at or after the end of
  // what is placed).
  const counts = new Map<number, number>();
  for (const hs of householdsOf) for (const h of hs) counts.set(h, (counts.get(h) ?? 0) + 1);
  const separate = [...counts.values()].every((n) => n === 1);
  const suffix = pool.map((r) => {
    const req = model.requests[r]!;
    const lo = req.byDay[d]!;
    const n = req.byDay[d + 1]! - lo;
    const mins = [1, 2, 3, 4].map(() => new Float64Array(n + 1).fill(Infinity));
    for (let j = n - 1; j >= 0; j--) {
      const ok = evaluate(s, r, lo + j, out);
      for (let l = 0; l < 4; l++) mins[l]![j] = Math.min(mins[l]![j + 1]!, ok ? out[l + 1]! : Infinity);
    }
    return mins;
  });
  /** The first of pool item i's starts that day at or after `end`, as an offset in its day's candidates. */
  const firstFrom = (i: number, end: number): number => {
    const req = model.requests[pool[i]!]!;
    let lo = req.byDay[d]!;
    let hi = req.byDay[d + 1]!;
    const base = lo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (req.candidates[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo - base;
  };
  const values = [1, 2, 3, 4].map(() => [] as number[]);
  const lowerBound = (mask: number, end: number, target: Cost): Cost => {
    copyCost(s.cost, bound);
    for (const v of values) v.length = 0;
    let left = 0;
    const hs = new Set<number>();
    for (let i = 0; i < pool.length; i++) {
      if (mask & (1 << i)) continue;
      const j = firstFrom(i, end);
      const mins = suffix[i]!;
      if (mins[3]![j] === Infinity) continue;
      left++;
      for (let l = 0; l < 4; l++) values[l]!.push(mins[l]![j]!);
      if (!separate) for (const h of householdsOf[i]!) hs.add(h);
    }
    const room = Math.min(left, cap - L.count[k]!);
    bound[0] -= room;
    if (room === 0) return bound;
    // Levels 2–5: at least the `room` least of what is left, level by level (only a tie on the first level makes
    // the lower ones count, and then all `room` must come in).
    for (let l = separate ? 0 : 3; l < 4; l++) {
      const v = values[l]!.sort((x, y) => x - y);
      for (let i = 0; i < room; i++) bound[l + 1] = bound[l + 1]! + Math.min(v[i]!, bound[0] === target[0] ? v[i]! : 0);
    }
    if (separate) return bound;
    // Where two of the pool share a family, levels 2–4 only by what the families have now.
    householdRelief(s, hs, bound);
    // Her idle time so far only grows as the sweep goes on; no other teacher's row changes.
    return bound;
  };
  const search = (mask: number, end: number): void => {
    // The first better order found is kept (first improvement, as everywhere in the local search).
    if (best) return;
    if (compareCost(s.cost, before) < 0) {
      best = { cost: [...s.cost] as Cost, cand: pool.map((r) => s.cand[r]!), interp: pool.map((r) => s.interp[r]!) };
      return;
    }
    const goal = before;
    if (L.count[k]! >= cap || compareCost(lowerBound(mask, end, goal), goal) >= 0) return;
    const key = mask * G + end;
    const prior = seen.get(key);
    if (prior && compareCost(prior, s.cost) <= 0) return;
    seen.set(key, [...s.cost] as Cost);
    // A gap adds its length to her idle time, which is what this phase is for: only gaps shorter than the idle
    // time's slack are tried (a schedule better on a level above by a longer gap is not looked for here).
    const maxGap = end >= 0 ? goal[5] - s.cost[5] - 1 : Infinity;
    const options: Option[] = [];
    for (let i = 0; i < pool.length; i++) {
      if (mask & (1 << i)) continue;
      const r = pool[i]!;
      const req = model.requests[r]!;
      for (let c = req.byDay[d]! + (end >= 0 ? firstFrom(i, end) : 0); c < req.byDay[d + 1]!; c++) {
        const g = req.candidates[c]!;
        if (g - end > maxGap) break;
        if (++nodes > maxNodes) return;
        if (evaluate(s, r, c, out)) options.push({ i, c, start: g, delta: deltaKey(out) });
      }
    }
    options.sort((a, b) => a.start - b.start || a.i - b.i || a.delta - b.delta || a.c - b.c);
    for (const { i, c } of options) {
      if (nodes > maxNodes || best) return;
      const r = pool[i]!;
      const req = model.requests[r]!;
      put(s, r, c);
      search(mask | (1 << i), req.candidates[c]! + req.duration);
      unplace(s, r);
    }
  };
  search(0, -1);
  const found = best as Found | null;
  if (found) {
    pool.forEach((r, i) => {
      if (found.cand[i]! >= 0) place(s, r, found.cand[i]!, found.interp[i]!);
    });
    return true;
  }
  for (const { r, ci, interp } of was) place(s, r, ci, interp);
  return false;
}

/**
 * Every teacher's day with idle time, teacher by teacher; true when any got better. `failed` remembers the days
 * whose search found nothing, with what it depended on (where the teacher's and her families' conversations are),
 * so that a later pass does not search them again unchanged.
 */
export function resequencePass(s: State, timeUp: () => boolean = () => false, failed = new Map<number, string>(), maxNodes = RESEQUENCE_MAX_NODES): boolean {
  const { model } = s;
  const D = model.days.length;
  let improved = false;
  for (let t = 0; t < model.teachers.length && !timeUp(); t++) {
    const theirs = model.requests.filter((r) => r.teacher === t || r.second === t);
    const families = new Set(theirs.flatMap((r) => r.households));
    const related = model.requests.filter((r) => r.teacher === t || r.second === t || r.households.some((h) => families.has(h)));
    for (let d = 0; d < D; d++) {
      const key = `${related.map((r) => s.cand[r.index]).join(',')}`;
      if (failed.get(t * D + d) === key) continue;
      if (resequenceDay(s, t, d, maxNodes)) improved = true;
      else failed.set(t * D + d, key);
    }
  }
  return improved;
}
