import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SchedulingInstanceInput } from '@shared/contracts/scheduling';
import { arbitraryInstance } from './arbitrary';
import { firstComeBaseline } from './baseline';
import type { Model } from './model';
import { buildResult } from './result';
import { solveSchedule } from './solve';
import { type Parsed, parseInstance } from './validate';
import { verifySchedule } from './verify';

type Valid = Extract<Parsed, { ok: true }>;

// Bounded runs keep the folder fast; the seed is fixed so a failure can be replayed as it is.
const runs = { numRuns: 30, seed: 20261025 };

/** Runs a check on random valid instances, each with a random search seed. */
function onRandomInstances(check: (parsed: Valid, seed: number, input: SchedulingInstanceInput) => void): void {
  fc.assert(
    fc.property(arbitraryInstance(), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
      const parsed = parseInstance(input);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) check(parsed, seed, input);
    }),
    runs,
  );
}

const baselineResult = (model: Model, seed: number) => buildResult(firstComeBaseline(model, seed), { solver: 'baseline', seed, iterations: 0, elapsedMs: 0 });

// Pure CPU: on a shared two-core machine the runs below can take several times their usual 5-15 s.
describe('hard constraints on random instances', { timeout: 120_000 }, () => {
  it('never puts a person in two places, outside their windows, past a day limit or without the interpreter or second teacher', () => {
    onRandomInstances(({ instance, model }, seed) => {
      expect(verifySchedule(instance, solveSchedule(model, { seed, maxIterations: 60 })).violations).toEqual([]);
    });
  });

  it('keeps every fixed booking when re-solving, and still breaks no constraint', () => {
    onRandomInstances(({ model }, seed, input) => {
      const before = solveSchedule(model, { seed, maxIterations: 30 });
      const fixed = before.placements.filter((_, i) => (i + seed) % 2 === 0).map((p) => ({ requestId: p.requestId, day: p.day, start: p.start, interpreterIds: p.interpreterIds }));
      const again = parseInstance({ ...input, fixed });
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      const after = solveSchedule(again.model, { seed: seed + 1, maxIterations: 30 });
      expect(verifySchedule(again.instance, after).violations).toEqual([]);
      expect(after.placements.filter((p) => p.fixed)).toHaveLength(fixed.length);
    });
  });

  it('holds for the first-come baseline too, so the comparison is fair', () => {
    onRandomInstances(({ instance, model }, seed) => {
      expect(verifySchedule(instance, baselineResult(model, seed)).violations).toEqual([]);
    });
  });
});
