// The engine's entry point: instance in, schedule and report out. Pure: no clock but the time limit's, no I/O.
//   const parsed = parseInstance(json);            // field-named issues, or the instance and its model
//   const result = solveSchedule(parsed.model, { seed: 7, maxIterations: 2000 });
import type { ScheduleResult } from '@shared/contracts/scheduling';
import type { FieldIssue } from '@shared/errors';
import { improve, type SearchLimits } from './alns';
import { construct, placeFixed } from './construct';
import type { Model } from './model';
import { createRng } from './random';
import { insertionWeights, resourceKeys } from './repair';
import { buildResult } from './result';
import { createState, type State } from './state';
import { BLOCK_MAX_ROUND } from './repack';
import { parseInstance } from './validate';

export interface SolveOptions extends SearchLimits {
  seed?: number;
  /** Milliseconds from some start; only the time limit reads it. */
  clock?: () => number;
}

/** Iterations of the search per request, when no limit is given. */
export const ITERATIONS_PER_REQUEST = 300;

/**
 * Rounds of at most this many requests (a class or two up to a school of some 180 pupils) are bounded by their
 * iterations alone; they are also the rounds that get the block moves (repack.ts).
 */
export const ITERATION_ROUND = BLOCK_MAX_ROUND;
/** Their safety stop on the clock; it does not steer the search (`coolOnClock: false`). */
export const SAFETY_STOP_MS = 20_000;

/**
 * Without any limit given, the search gets 300 iterations per request (the annealing cools over them, so it does
 * not stop when it stalls). A round of at most 190 requests is bounded by those iterations alone: its time limit
 * of 20 s is only a safety stop that does not steer the annealing, so a seed gives the same schedule on any
 * machine less than about 4 times slower (on a 2.6 GHz core, CPU: 24 pupils about 1 s, 48 pupils 2–3.5 s with
 * the exact ejection chains of small rounds, a 100-pupil school 2.5–3 s, 150–180 pupils 3.5–5 s). Above that, a
 * time cap where the issue sets goals (a 250-pupil school < 0.3 s, a 1,000-pupil school < 2 s): 0.2 s up to 300
 * requests, then a millisecond per request beyond 100 (about 1 s for 1,000 pupils), at most 1.5 s.
 */
export function defaultLimits(model: Model): SearchLimits {
  const n = model.requests.length;
  if (n <= ITERATION_ROUND) return { maxIterations: ITERATIONS_PER_REQUEST * n, timeLimitMs: SAFETY_STOP_MS, coolOnClock: false };
  return { maxIterations: ITERATIONS_PER_REQUEST * n, timeLimitMs: Math.min(1500, Math.max(200, n - 100)) };
}

/** Builds and improves a schedule, returning its final state (for callers that look deeper than the result). */
export function solveState(model: Model, options: SolveOptions = {}): { state: State; iterations: number; elapsedMs: number } {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const limited = options.maxIterations !== undefined || options.timeLimitMs !== undefined;
  const limits = limited ? options : { ...defaultLimits(model), ...options };
  const weights = insertionWeights(model);
  const s = createState(model);
  placeFixed(s, model.instance.fixed);
  construct(s, weights, resourceKeys(model));
  const rng = createRng(options.seed ?? 1);
  const remaining = limits.timeLimitMs === undefined ? undefined : Math.max(0, limits.timeLimitMs - (clock() - started));
  const { state, stats } = improve(s, weights, rng, { ...limits, timeLimitMs: remaining }, clock);
  return { state, iterations: stats.iterations, elapsedMs: clock() - started };
}

export function solveSchedule(model: Model, options: SolveOptions = {}): ScheduleResult {
  const { state, iterations, elapsedMs } = solveState(model, options);
  return buildResult(state, { solver: 'alns', seed: options.seed ?? 1, iterations, elapsedMs: Math.round(elapsedMs) });
}

/** Parse, check and solve in one call. */
export function schedule(input: unknown, options: SolveOptions = {}): { ok: true; result: ScheduleResult } | { ok: false; issues: FieldIssue[] } {
  const parsed = parseInstance(input);
  if (!parsed.ok) return parsed;
  return { ok: true, result: solveSchedule(parsed.model, options) };
}
