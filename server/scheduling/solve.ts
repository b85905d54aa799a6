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
import { parseInstance } from './validate';

export interface SolveOptions extends SearchLimits {
  seed?: number;
  /** Milliseconds from some start; only the time limit reads it. */
  clock?: () => number;
}

/** Iterations of the search per request, when no limit is given. */
export const ITERATIONS_PER_REQUEST = 300;

/**
 * Without any limit given, the search gets 300 iterations per request (the annealing cools over them, so it does
 * not stop when it stalls), capped by a time limit where the issue sets goals (a 250-pupil school < 0.3 s, a
 * 1,000-pupil school < 2 s): 0.2 s for 190–300 requests, then a millisecond per request beyond 100 (about 1 s for
 * 1,000 pupils, at most 1.5 s). Below that no goal applies, and the cap rises by 10 ms a request to 1.5 s at 60
 * requests and fewer: a class or two (24–48 pupils: 0.3–0.7 s on a 2.6 GHz core) ends on its iterations with
 * room to spare, so it gets the same schedule for a seed on any machine not several times slower; a 100-pupil
 * school gets about 1 s.
 */
export function defaultLimits(model: Model): SearchLimits {
  const n = model.requests.length;
  const small = 1500 - 10 * Math.max(0, n - 60);
  const large = n - 100;
  return { maxIterations: ITERATIONS_PER_REQUEST * n, timeLimitMs: Math.min(1500, Math.max(200, small, large)) };
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
