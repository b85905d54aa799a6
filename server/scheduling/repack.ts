// Moves around a family's block of conversations on one day. A family with children in two classes sits with two
// teachers in a row; moving that block needs the conversations it lands on in *both* teachers' rows to move as
// well, which no single move, ejection or pair swap can do at once (each step alone is no better).
// - Re-packing (`repackBlocks`): every movable conversation of those teachers lying wholly inside a window around
//   the block is taken out, and all of them are put back, each at a start inside the window, by a depth-first
//   search over every combination that fits; the best combination (level by level) is kept if it beats the
//   schedule as it was.
// - Moving the block whole (`moveBlocks`) to another day or time, and two of one teacher's conversations the same
//   way (`moveTeacherPairs`), the conversations it lands on going to their best free times.
import { occupants } from './destroy';
import type { Model } from './model';
import { blockersAt, candidateOf, compareCost, copyCost, type Cost, evaluate, idleOf, insert, place, type Placement, put, type State, unplace, zeroCost } from './state';

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
      put(s, r, c);
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
  let improved = false;
  for (const { block, d, k } of familyBlocks(s, timeUp)) {
    const teachers = [...new Set(block.flatMap((r) => model.requests[r]!.teachers))];
    const day = model.days[d]!;
    const lo = Math.max(day.offset, s.households.first[k]! - REPACK_MARGIN);
    const hi = Math.min(day.offset + day.slots, s.households.last[k]! + REPACK_MARGIN);
    if (repackWindow(s, teachers, d, lo, hi, timeUp)) improved = true;
  }
  return improved;
}

/**
 * Each family's conversations of one day, when it has two or more there and none is locked, household by household
 * and day by day, read as the schedule is when each is reached (a move on an earlier one may have changed it).
 */
function* familyBlocks(s: State, timeUp: () => boolean): Generator<{ block: number[]; d: number; k: number }> {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  for (let h = 0; h < model.households.length && !timeUp(); h++) {
    for (let d = 0; d < D; d++) {
      const k = h * D + d;
      if (s.households.count[k]! < 2) continue;
      const block = occupants(s.households.occ, h * G, s.households.first[k]!, s.households.last[k]!);
      if (!block.some((r) => s.locked[r])) yield { block, d, k };
    }
  }
}

/** Orders of a block's conversations tried when it moves (a block of more than three keeps its own). */
function orders(block: readonly number[]): number[][] {
  if (block.length > 3) return [[...block]];
  if (block.length === 2) return [[block[0]!, block[1]!], [block[1]!, block[0]!]];
  const [a, b, c] = block as [number, number, number];
  return [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]];
}

/** Rounds with at most this many requests get the block moves (a whole school's search has no time for them). */
export const BLOCK_MAX_ROUND = 190;
export const blockRound = (model: Model) => model.requests.length <= BLOCK_MAX_ROUND;

/**
 * Moves a family's block of conversations on one day whole: to another day, or elsewhere on its day, laid back to
 * back (in every order), each conversation taking its time from at most two others in its teacher's row, which
 * then go to their best free times (the block's old place included), or stay out. A block across two teachers can
 * only trade days like this: the families it lands on, one in each teacher's row, must move with it, and each step
 * alone costs the block's family a second day (small-48-2, seed 1: the last step to the optimum, 120 minutes of
 * teacher idle time to 60). For a family that waits between its conversations, each displaced one may also take a
 * time held by one more conversation, which goes to its best free time (`placeDeep`): on school-100 the waiting
 * sibling pairs sit on a day when their two teachers' hours barely overlap, and the families they would trade with
 * on a better day have no free time on theirs until a third moves. Tried from each block at each start of each
 * day; the first move that makes the whole strictly better is kept.
 */
export function moveBlocks(s: State, timeUp: () => boolean = () => false): boolean {
  for (const { block, k } of familyBlocks(s, timeUp)) if (moveWhole(s, block, () => true, timeUp, idleOf(s.households, k) > 0)) return true;
  return false;
}

/**
 * Two conversations of one teacher's day moved together in the same way, back to back, to a day of hers (the same
 * or another) when either day has idle time: two families trade days with two others at once, which closes a gap
 * where a swap of one pair only moves it (small-48-2, seed 4: 70 minutes of teacher idle time to the optimum 60).
 */
export function moveTeacherPairs(s: State, timeUp: () => boolean = () => false): boolean {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  const L = s.teachers;
  for (let t = 0; t < model.teachers.length && !timeUp(); t++) {
    for (let d = 0; d < D; d++) {
      const k = t * D + d;
      if (L.count[k]! < 2) continue;
      const mine = occupants(L.occ, t * G, L.first[k]!, L.last[k]!).filter((r) => !s.locked[r]);
      const idle = (nd: number) => idleOf(L, k) > 0 || idleOf(L, t * D + nd) > 0;
      for (let i = 0; i < mine.length; i++) {
        for (let j = i + 1; j < mine.length; j++) if (moveWhole(s, [mine[i]!, mine[j]!], idle, timeUp)) return true;
      }
    }
  }
  return false;
}

const scratch = { out: zeroCost(), before: zeroCost(), best: zeroCost() };

/** The conversations as one back-to-back block, in every order, at every start of every day `onDay` allows. */
function moveWhole(s: State, block: readonly number[], onDay: (d: number) => boolean, timeUp: () => boolean, deep = false): boolean {
  const { model } = s;
  const length = block.reduce((a, r) => a + model.requests[r]!.duration, 0);
  for (const order of orders(block)) {
    for (let d = 0; d < model.days.length && !timeUp(); d++) {
      if (!onDay(d)) continue;
      const day = model.days[d]!;
      for (let g = day.offset; g + length <= day.offset + day.slots; g++) if (moveBlock(s, order, g, scratch.out, scratch.before, scratch.best, deep)) return true;
    }
  }
  return false;
}

/** The block in this order from slot g on; kept when the schedule is strictly better, else all back as it was. */
function moveBlock(s: State, order: readonly number[], g: number, out: Cost, before: Cost, best: Cost, deep = false): boolean {
  const { model } = s;
  const starts: number[] = [];
  const cands: number[] = [];
  let same = true;
  for (let i = 0, at = g; i < order.length; at += model.requests[order[i]!]!.duration, i++) {
    const c = candidateOf(model, order[i]!, at);
    if (c < 0) return false;
    starts.push(at);
    cands.push(c);
    if (c !== s.cand[order[i]!]) same = false;
  }
  if (same) return false;
  const was: Placement[] = order.map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! }));
  copyCost(s.cost, before);
  for (const r of order) unplace(s, r);
  const ejected: Placement[] = [];
  let placed = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const blockers = blockersAt(s, r, starts[i]!, 2);
    if (blockers === null) break;
    for (const b of blockers) {
      ejected.push({ r: b, ci: s.cand[b]!, interp: s.interp[b]! });
      unplace(s, b);
    }
    if (!evaluate(s, r, cands[i]!, out)) break;
    put(s, r, cands[i]!);
    placed++;
  }
  if (placed === order.length) {
    const tries = ejected.length === 2 ? [[ejected[0]!, ejected[1]!], [ejected[1]!, ejected[0]!]] : [ejected];
    for (const list of tries) {
      for (const e of list) insert(s, e.r, out, best);
      if (compareCost(s.cost, before) < 0) return true;
      for (const e of list) unplace(s, e.r);
    }
    if (deep && ejected.length > 0) {
      for (const list of tries) {
        const fixed = new Set([...order, ...ejected.map((e) => e.r)]);
        const moved: Placement[] = [];
        for (const e of list) placeDeep(s, e.r, fixed, moved, out, best);
        if (compareCost(s.cost, before) < 0) return true;
        for (const e of list) unplace(s, e.r);
        for (const q of moved) unplace(s, q.r);
        for (const q of moved) place(s, q.r, q.ci, q.interp);
      }
    }
  }
  for (const r of order) unplace(s, r);
  for (const p of [...was, ...ejected]) place(s, p.r, p.ci, p.interp);
  return false;
}

/**
 * Puts the unplaced request r at its best free time, or at a time held by one other movable conversation (not in
 * `fixed`), which then goes to its best free time or stays out: whichever leaves the schedule best. `moved` gets
 * where that other one was, and `fixed` the other one (it is not moved twice).
 */
function placeDeep(s: State, r: number, fixed: Set<number>, moved: Placement[], out: Cost, best: Cost): void {
  const { model } = s;
  const req = model.requests[r]!;
  let bestCost: Cost | null = null;
  let pick: { c: number; q: number } | null = null;
  if (insert(s, r, out, best)) {
    bestCost = [...s.cost] as Cost;
    pick = { c: s.cand[r]!, q: -1 };
    unplace(s, r);
  }
  for (let c = 0; c < req.candidates.length; c++) {
    const blockers = blockersAt(s, r, req.candidates[c]!, 1);
    if (blockers === null || blockers.length !== 1 || fixed.has(blockers[0]!)) continue;
    const q = blockers[0]!;
    const was = { r: q, ci: s.cand[q]!, interp: s.interp[q]! };
    unplace(s, q);
    if (evaluate(s, r, c, out)) {
      put(s, r, c);
      insert(s, q, out, best);
      if (bestCost === null || compareCost(s.cost, bestCost) < 0) {
        bestCost = [...s.cost] as Cost;
        pick = { c, q };
      }
      unplace(s, q);
      unplace(s, r);
    }
    place(s, q, was.ci, was.interp);
  }
  if (!pick) return;
  if (pick.q < 0) {
    put(s, r, pick.c);
    return;
  }
  moved.push({ r: pick.q, ci: s.cand[pick.q]!, interp: s.interp[pick.q]! });
  fixed.add(pick.q);
  unplace(s, pick.q);
  put(s, r, pick.c);
  insert(s, pick.q, out, best);
}
