// Exact ejection chains: a bounded branch and bound over chains of displacements. On a tight round (each teacher's
// days at their limit) the last steps to the optimum change, all at once, which request stays unplaced and the day
// or time of several conversations of the full teachers: an unplaced request takes a time, the conversation there
// takes another's time, and so on, until the last one finds a free time or stays out. On small-48-2 (seed 1) the
// step HiGHS found takes a sibling's unplaced talk in, three of the teacher's conversations each one place on and
// the last out, and the other child's talk to the day its sibling came in; on small-48-3 one conversation moves to
// the other day and the one it lands on back, past a third. The moves of intensify.ts make chains of one or two
// steps; here every chain of up to `CHAIN_DEPTH` displacements from a root is weighed (the shorter ones first),
// each step at every time of the conversation displaced, pruned level by level against the best chain found, and
// bounded by a node budget (never by time, so the result is deterministic). The best chain is kept only if the
// whole schedule is strictly better.
import { occupants } from './destroy';
import type { Model } from './model';
import { blockersAt, compareCost, copyCost, type Cost, evaluate, householdRelief, idleOf, place, type Placement, put, relocate, type State, unplace, zeroCost } from './state';

/** Rounds with at most this many requests get the chains by default (too dear for a whole school). */
export const CHAIN_MAX_ROUND = 60;
/**
 * At most this many displacements in a chain; this many search nodes (times tried) per root at the deepest depth,
 * half that at each shallower one.
 */
export const CHAIN_DEPTH = 4;
export const CHAIN_MAX_NODES = 8_000;

/**
 * Every chain from `root` (an unplaced request, or a conversation to move): it takes any time where at most two
 * movable conversations stand in its way; those are taken out and each in turn does the same (or, when placed
 * before, may stay out), up to `depth` displacements; at the end, the other conversations of the root's families
 * move to their best times (a sibling follows). The best schedule found, if strictly better than the present one,
 * is kept; true then. Pruned by a lower bound per level: what is placed, less what the conversations still to
 * place and the followers could still save.
 */
export function chainSearch(s: State, root: number, byHousehold: readonly number[][], depth = CHAIN_DEPTH, maxNodes = CHAIN_MAX_NODES, flat = false): boolean {
  const { model } = s;
  if (s.locked[root] || model.requests[root]!.candidates.length === 0) return false;
  const D = model.days.length;
  const before = [...s.cost] as Cost;
  const rootWas: Placement = { r: root, ci: s.cand[root]!, interp: s.interp[root]! };
  const followers = [...new Set(model.requests[root]!.households.flatMap((h) => byHousehold[h]!))].filter((q) => q !== root && !s.locked[q]);
  const followerHouseholds = [...new Set([root, ...followers].flatMap((q) => model.requests[q]!.households))];
  const followerPenalty = () => followers.reduce((sum, q) => sum + (s.cand[q]! >= 0 ? model.requests[q]!.penalty[s.cand[q]!]! : 0), 0);
  let best: { cost: Cost; moves: Placement[] } | null = null;
  let nodes = 0;
  const out = zeroCost();
  const base = zeroCost();
  const bound = zeroCost();
  // Changes made so far, to undo (each entry: a request and where it was).
  const trail: Placement[] = [];
  const takeOut = (r: number) => {
    trail.push({ r, ci: s.cand[r]!, interp: s.interp[r]! });
    unplace(s, r);
  };
  const undoTo = (mark: number) => {
    while (trail.length > mark) {
      const { r, ci, interp } = trail.pop()!;
      if (s.cand[r]! >= 0) unplace(s, r);
      if (ci >= 0) place(s, r, ci, interp);
    }
  };
  const lowerBound = (pending: readonly number[], target: Cost): Cost => {
    copyCost(s.cost, bound);
    bound[0] -= pending.length;
    householdRelief(s, new Set([...followerHouseholds, ...pending.flatMap((r) => model.requests[r]!.households)]), bound);
    bound[4] -= followerPenalty();
    if (bound[0] === target[0]) for (const r of pending) bound[4] += Math.min(...model.requests[r]!.penalty);
    const teachers = new Set([...pending, ...followers].flatMap((r) => model.requests[r]!.teachers));
    for (const t of teachers) for (let d = 0; d < D; d++) bound[5] -= idleOf(s.teachers, t * D + d);
    return bound;
  };
  const finish = () => {
    const mark = trail.length;
    // The root's siblings follow, twice round (one's move can open a time for the other).
    for (let round = 0; round < 2; round++) {
      for (const q of followers) {
        if (s.cand[q]! < 0) continue;
        const was = relocate(s, q, out, base);
        if (was) trail.push(was);
      }
    }
    if (compareCost(s.cost, best ? best.cost : before) < 0) {
      const touched = [...new Set(trail.map((t) => t.r))];
      best = { cost: [...s.cost] as Cost, moves: touched.map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! })) };
    }
    undoTo(mark);
  };
  const search = (pending: number[], left: number): void => {
    const target = best ? best.cost : before;
    if (pending.length === 0) {
      finish();
      return;
    }
    if (compareCost(lowerBound(pending, target), target) >= 0) return;
    const [r, ...rest] = pending as [number, ...number[]];
    const req = model.requests[r]!;
    const options: { c: number; delta: Cost; blockers: number[] }[] = [];
    for (let c = 0; c < req.candidates.length; c++) {
      if (++nodes > maxNodes) return;
      const blockers = blockersAt(s, r, req.candidates[c]!, 2);
      if (blockers === null || (blockers.length > 0 && left === 0) || blockers.some((b) => b === root)) continue;
      const mark = trail.length;
      for (const b of blockers) takeOut(b);
      if (evaluate(s, r, c, out)) options.push({ c, delta: [...out] as Cost, blockers });
      undoTo(mark);
    }
    options.sort((a, b) => a.blockers.length - b.blockers.length || compareCost(a.delta, b.delta) || a.c - b.c);
    for (const { c, blockers } of options) {
      if (nodes > maxNodes) return;
      const mark = trail.length;
      for (const b of blockers) takeOut(b);
      trail.push({ r, ci: -1, interp: [] });
      put(s, r, c);
      search([...rest, ...blockers], left - (blockers.length > 0 ? 1 : 0));
      undoTo(mark);
    }
    // A displaced conversation may stay out (the root is the one that has to go somewhere).
    if (r !== root && nodes <= maxNodes) search(rest, left);
  };
  if (rootWas.ci >= 0) takeOut(root);
  // Iterative deepening: the short chains first, whose trees are small, so a long chain's tree cannot use up the
  // budget before a short chain that improves is found; stop at the first depth that finds one.
  // Each depth has its own budget, half the next one's: the deepest gets maxNodes, all together under twice that
  // (or, `flat`, every depth the whole of maxNodes).
  for (let d = 1; d <= depth && !best; d++) {
    nodes = flat ? 0 : maxNodes - Math.floor(maxNodes / 2 ** (depth - d));
    search([root], d);
  }
  undoTo(0);
  const found = best as { cost: Cost; moves: Placement[] } | null;
  if (!found) return false;
  for (const m of found.moves) if (s.cand[m.r]! >= 0) unplace(s, m.r);
  for (const m of found.moves) if (m.ci >= 0) place(s, m.r, m.ci, m.interp);
  return true;
}

/** One pass: every movable request as a root, unplaced ones first, each in index order; true when any chain helped. */
export function chainPass(s: State, byHousehold: readonly number[][], timeUp: () => boolean = () => false, depth = CHAIN_DEPTH, maxNodes = CHAIN_MAX_NODES): boolean {
  const { model } = s;
  const roots = model.requests.filter((r) => r.candidates.length > 0 && !s.locked[r.index]).map((r) => r.index);
  const ordered = [...roots.filter((r) => s.cand[r]! < 0), ...roots.filter((r) => s.cand[r]! >= 0)];
  let improved = false;
  for (const r of ordered) {
    if (timeUp()) break;
    if (chainSearch(s, r, byHousehold, depth, maxNodes)) improved = true;
  }
  return improved;
}

export const chainRound = (model: Model) => model.requests.length <= CHAIN_MAX_ROUND;

/** Search nodes per depth (every depth the same) for a root of the teacher-idle phase. */
export const IDLE_CHAIN_NODES = 8_000;

/**
 * The roots where a chain can still shorten a teacher's day: on each teacher's day with idle time, the
 * conversations either side of each gap and the first and last of the day; in index order.
 */
export function idleRoots(s: State): number[] {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  const roots = new Set<number>();
  for (let t = 0; t < model.teachers.length; t++) {
    for (let d = 0; d < D; d++) {
      const k = t * D + d;
      if (s.teachers.count[k]! === 0 || idleOf(s.teachers, k) === 0) continue;
      const mine = occupants(s.teachers.occ, t * G, s.teachers.first[k]!, s.teachers.last[k]!);
      roots.add(mine[0]!);
      roots.add(mine[mine.length - 1]!);
      for (let i = 0; i + 1 < mine.length; i++) {
        const a = model.requests[mine[i]!]!;
        const end = a.candidates[s.cand[a.index]!]! + a.duration;
        if (model.requests[mine[i + 1]!]!.candidates[s.cand[mine[i + 1]!]!]! > end) {
          roots.add(mine[i]!);
          roots.add(mine[i + 1]!);
        }
      }
    }
  }
  return [...roots].filter((r) => !s.locked[r]).sort((a, b) => a - b);
}

/**
 * The teacher-idle phase: exact chains (as in `chainPass`) rooted only at the conversations beside a gap in a
 * teacher's day or at its ends (`idleRoots`), each depth with the whole budget. Meant for the end, when the chains
 * from every root find nothing more: only there the larger budget pays. True when any chain helped (kept only when
 * the whole schedule is strictly better, level by level).
 */
export function idleChainPass(s: State, byHousehold: readonly number[][], timeUp: () => boolean = () => false, depth = CHAIN_DEPTH, maxNodes = IDLE_CHAIN_NODES): boolean {
  let improved = false;
  for (const r of idleRoots(s)) {
    if (timeUp()) break;
    if (s.cand[r]! >= 0 && chainSearch(s, r, byHousehold, depth, maxNodes, true)) improved = true;
  }
  return improved;
}
