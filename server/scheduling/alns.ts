// Adaptive large neighbourhood search (Ropke & Pisinger; Kristiansen et al. for school conferences): destroy a few
// conversations, put them back by regret or greedy insertion, keep the result if it is better, or, early on and
// with falling probability, if it is a little worse (simulated annealing). Operators that find improvements get
// chosen more often. The best schedule seen (compared level by level) is then polished by an exhaustive local
// search (intensify.ts) in the last part of the time, and that is what comes back.
import { type DestroyContext, destroyOperators, type Removed } from './destroy';
import { intensify, type IntensifyOptions } from './intensify';
import type { Model } from './model';
import { pickWeighted, type Rng } from './random';
import { greedyInsert, regretInsert, resourceKeys, type Weights } from './repair';
import { compareCost, type Cost, householdsWithRequests, place, restore, snapshot, type State, unplace } from './state';

export interface SearchLimits {
  /** Stop after this many iterations: with no time limit, the search is deterministic for a seed. */
  maxIterations?: number;
  /** Stop after this long, on the given clock (the wall clock by default), intensification included. */
  timeLimitMs?: number;
  /**
   * Whether the annealing cools by the clock as well as by iterations when a time limit is given (default true).
   * False makes the time limit a mere safety stop: a run that ends on its iterations is then the same for a seed
   * on any machine, even if its first iterations were slow.
   */
  coolOnClock?: boolean;
  /** Stop after this many iterations without a new best. */
  stallIterations?: number;
  /** Polish the best schedule with the local search of intensify.ts (default true; never after 0 iterations). */
  intensify?: boolean;
  /** Which moves the local search makes (intensify.ts); by default all that suit the round's size. */
  intensifyOptions?: IntensifyOptions;
}

export interface SearchStats { iterations: number; improvements: number; elapsedMs: number; intensifyMoves: number }

/** Share of a time limit the large neighbourhood search takes; the local search has the rest (and stops at the limit). */
const SEARCH_SHARE = 0.85;
const SCORE_BEST = 33;
const SCORE_BETTER = 9;
const SCORE_ACCEPTED = 13;
const SEGMENT = 50;
const REACTION = 0.2;

/** The best cost any schedule can have: the requests that fit nowhere, and the households with nothing else. */
export function lowerBound(model: Model): Cost {
  const reachable = new Set<number>();
  let unplaceable = 0;
  for (const r of model.requests) {
    if (r.candidates.length === 0) unplaceable++;
    else r.households.forEach((h) => reachable.add(h));
  }
  return [unplaceable, householdsWithRequests(model) - reachable.size, 0, 0, 0, 0];
}

function totalScalar(w: Weights, c: Cost): number {
  return (c[0] + c[1]) * w.days * 1000 + c[2] * w.days + c[3] * w.householdIdle + c[4] * w.preference + c[5] * w.teacherIdle;
}

function byHousehold(model: Model): number[][] {
  const lists: number[][] = model.households.map(() => []);
  for (const r of model.requests) for (const h of r.households) lists[h]!.push(r.index);
  return lists;
}

/** Improves the schedule in s; returns the state holding the best schedule found (s itself or a rebuilt one). */
export function improve(s: State, w: Weights, rng: Rng, limits: SearchLimits, clock: () => number = () => performance.now()): { state: State; stats: SearchStats } {
  const { model } = s;
  const started = clock();
  const keys = resourceKeys(model);
  const households = byHousehold(model);
  const bound = lowerBound(model);
  const placeable = model.requests.filter((r) => r.candidates.length > 0 && !s.locked[r.index]).map((r) => r.index);
  // Making room for unplaced requests starts out favoured: the first level outweighs all the others.
  const opWeights = destroyOperators.map((op): number => (op.name.startsWith('blockers') ? 3 : 1));
  const opScores = destroyOperators.map(() => 0);
  const opUses = destroyOperators.map(() => 0);
  let best = snapshot(s);
  let improvements = 0;
  let lastBest = 0;
  const maxIterations = limits.maxIterations ?? Infinity;
  const stall = limits.stallIterations ?? Infinity;
  // Annealing starts warm enough to take a schedule some 50 preference points worse, seldom one where a household
  // waits longer, never one where it comes more often, and cools to one teacher-idle slot.
  const hot = w.preference * 50;
  const cold = w.teacherIdle;
  let it = 0;

  /**
   * Repairs what a destroy took out (the operator's `first` request before the rest, when it names one), then keeps,
   * accepts or undoes the move; returns the operator's score.
   */
  const step = (removed: Removed[], unplaced: number[], before: Cost, temperature: number, first: number): number => {
    // Only unplaced requests that share someone with what was taken out can have gained a time.
    const freed = new Set<number>();
    for (const x of removed) for (const k of keys[x.r]!) freed.add(k);
    const pending = [...removed.map((x) => x.r), ...unplaced.filter((r) => r !== first && keys[r]!.some((k) => freed.has(k)))];
    if (first >= 0) greedyInsert(s, w, [first]);
    const mode = rng.next();
    if (mode < 0.45) regretInsert(s, w, keys, pending);
    else if (mode < 0.8) regretInsert(s, w, keys, pending, rng, 1);
    else greedyInsert(s, w, rng.shuffle(pending), rng, 0.5);
    if (compareCost(s.cost, best.cost) < 0) {
      best = snapshot(s);
      improvements++;
      lastBest = it;
      return SCORE_BEST;
    }
    if (compareCost(s.cost, before) < 0) return SCORE_BETTER;
    if (Math.exp(-(totalScalar(w, s.cost) - totalScalar(w, before)) / temperature) > rng.next()) return SCORE_ACCEPTED;
    for (const r of pending) unplace(s, r);
    if (first >= 0) unplace(s, first);
    for (const x of removed) place(s, x.r, x.ci, x.interp);
    return 0;
  };

  for (; it < maxIterations; it++) {
    const elapsed = clock() - started;
    if (limits.timeLimitMs !== undefined && elapsed >= limits.timeLimitMs * SEARCH_SHARE) break;
    if (it - lastBest >= stall || compareCost(best.cost, bound) <= 0 || placeable.length === 0) break;
    const progress = Math.max(it / maxIterations, limits.timeLimitMs && limits.coolOnClock !== false ? elapsed / (limits.timeLimitMs * SEARCH_SHARE) : 0);
    const temperature = hot * (cold / hot) ** progress;

    const unplaced = placeable.filter((r) => s.cand[r]! < 0);
    const op = pickWeighted(rng, opWeights.map((x, i) => (destroyOperators[i]!.name.startsWith('blockers') && unplaced.length === 0 ? 0 : x)));
    const before = [...s.cost] as Cost;
    const size = rng.between(Math.min(4, placeable.length), Math.max(4, Math.min(30, Math.round(placeable.length * 0.12))));
    const ctx: DestroyContext = { s, rng, size, byHousehold: households, unplaced };
    const removed: Removed[] = destroyOperators[op]!.run(ctx);
    opUses[op]!++;
    if (removed.length > 0) opScores[op]! += step(removed, unplaced, before, temperature, ctx.first ?? -1);
    if ((it + 1) % SEGMENT === 0) {
      opWeights.forEach((x, i) => {
        if (opUses[i]! > 0) opWeights[i] = Math.max(0.05, x * (1 - REACTION) + (REACTION * opScores[i]!) / opUses[i]!);
        opScores[i] = 0;
        opUses[i] = 0;
      });
    }
  }
  const end = compareCost(s.cost, best.cost) === 0 ? s : restore(model, best, s.locked);
  const timeUp = () => limits.timeLimitMs !== undefined && clock() - started >= limits.timeLimitMs;
  const polished = limits.intensify !== false && it > 0 ? intensify(end, households, timeUp, limits.intensifyOptions).moves : 0;
  return { state: end, stats: { iterations: it, improvements, elapsedMs: clock() - started, intensifyMoves: polished } };
}
