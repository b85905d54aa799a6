// Exact re-packing of a stretch of the day around a family's back-to-back conversations. A family with children in
// two classes sits with two teachers in a row; moving that block by a few slots needs the conversations it lands on
// in *both* teachers' rows to move as well, which no single move, ejection or pair swap can do at once (each step
// alone is no better). Here every movable conversation of those teachers lying wholly inside a window around the
// block is taken out, and all of them are put back, each at a start inside the window, by a depth-first search over
// every combination that fits; the best combination (level by level) is kept if it beats the schedule as it was.
import { occupants } from './destroy';
import { compareCost, type Cost, evaluate, findInterpreters, place, type State, unplace, zeroCost } from './state';

/** Slots either side of a family's block that the window takes in. */
export const REPACK_MARGIN = 3;
/** At most this many conversations in one window, and this many search nodes per window. */
export const REPACK_MAX_REQUESTS = 9;
export const REPACK_MAX_NODES = 20_000;

interface Found { cost: Cost; cand: number[]; interp: number[][] }

/**
 * Re-packs the window [lo, hi) of day d in the rows of the given teachers; true when the schedule got strictly
 * better (and is left that way), false when everything is back where it was.
 */
export function repackWindow(s: State, teachers: readonly number[], d: number, lo: number, hi: number, timeUp: () => boolean = () => false): boolean {
  const { model } = s;
  const G = model.slotCount;
  const inside: number[] = [];
  for (const t of teachers) {
    for (const r of occupants(s.teachers.occ, t * G, lo, hi)) {
      if (inside.includes(r) || s.locked[r]) continue;
      const req = model.requests[r]!;
      const g = req.candidates[s.cand[r]!]!;
      if (g >= lo && g + req.duration <= hi) inside.push(r);
    }
  }
  if (inside.length < 2 || inside.length > REPACK_MAX_REQUESTS) return false;
  // Each request's starts inside the window, on its day.
  const options = inside.map((r) => {
    const req = model.requests[r]!;
    const list: number[] = [];
    for (let c = req.byDay[d]!; c < req.byDay[d + 1]!; c++) {
      const g = req.candidates[c]!;
      if (g >= lo && g + req.duration <= hi) list.push(c);
    }
    return list;
  });
  const order = inside.map((_, i) => i).sort((a, b) => options[a]!.length - options[b]!.length || inside[a]! - inside[b]!);
  const was = inside.map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! }));
  const before = [...s.cost] as Cost;
  let best: Found | null = null;
  for (const r of inside) unplace(s, r);
  const out = zeroCost();
  let nodes = 0;
  const search = (k: number): void => {
    if (k === order.length) {
      if (compareCost(s.cost, best ? best.cost : before) < 0) best = { cost: [...s.cost] as Cost, cand: inside.map((r) => s.cand[r]!), interp: inside.map((r) => s.interp[r]!) };
      return;
    }
    const i = order[k]!;
    const r = inside[i]!;
    for (const c of options[i]!) {
      if (++nodes > REPACK_MAX_NODES || (nodes & 1023) === 0 && timeUp()) return;
      if (!evaluate(s, r, c, out)) continue;
      // Extra household days only grow as conversations are added: a partial schedule already worse there is done.
      const target = best ? best.cost : before;
      if (s.cost[2] + out[2] > target[2]) continue;
      place(s, r, c, findInterpreters(s, r, model.requests[r]!.candidates[c]!)!);
      search(k + 1);
      unplace(s, r);
    }
  };
  search(0);
  const found = best as Found | null;
  if (found) {
    inside.forEach((r, i) => place(s, r, found.cand[i]!, found.interp[i]!));
    return true;
  }
  for (const { r, ci, interp } of was) place(s, r, ci, interp);
  return false;
}

/**
 * Every family's block of two or more conversations on a day (movable ones), with the window around it in the
 * rows of the teachers it involves; true when any window got better.
 */
export function repackBlocks(s: State, timeUp: () => boolean = () => false): boolean {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  let improved = false;
  for (let h = 0; h < model.households.length && !timeUp(); h++) {
    for (let d = 0; d < D; d++) {
      const k = h * D + d;
      if (s.households.count[k]! < 2) continue;
      const mine = occupants(s.households.occ, h * G, s.households.first[k]!, s.households.last[k]!);
      if (mine.some((r) => s.locked[r])) continue;
      const teachers = [...new Set(mine.flatMap((r) => {
        const req = model.requests[r]!;
        return req.second >= 0 ? [req.teacher, req.second] : [req.teacher];
      }))];
      const day = model.days[d]!;
      const lo = Math.max(day.offset, s.households.first[k]! - REPACK_MARGIN);
      const hi = Math.min(day.offset + day.slots, s.households.last[k]! + REPACK_MARGIN);
      if (repackWindow(s, teachers, d, lo, hi, timeUp)) improved = true;
    }
  }
  return improved;
}
