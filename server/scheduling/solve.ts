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

/**
 * Without any limit given, the search gets 0.2 s, plus a millisecond for each request beyond 300 (a 1,000-pupil
 * school: about 1 s; at most 1.5 s), so that a whole school's schedule is ready within the issue's goals
 * (250 pupils < 0.3 s, 1,000 pupils < 2 s). It stops early after 5,000 iterations in a row without a better one.
 */
export function defaultLimits(model: Model): SearchLimits {
  return { timeLimitMs: Math.min(1500, Math.max(200, model.requests.length - 100)), stallIterations: 5000 };
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
