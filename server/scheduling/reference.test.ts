import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryInstance } from './arbitrary';
import { baseInstance, modelOf, oneSlotShort, withHousehold } from './fixtures';
import { solveReference } from './reference';
import { buildResult } from './result';
import { solveState } from './solve';
import { compareCost } from './state';
import { verifySchedule } from './verify';

describe('the exact MILP reference (HiGHS)', () => {
  it('finds the same optimum as the engine on a small school day, and its schedule passes the checker', async () => {
    let input = withHousehold(withHousehold(baseInstance(), 'h1', ['anna', 'bjorn'], { preferences: { days: ['mon'] } }), 'h2', ['anna', 'bjorn']);
    input = withHousehold(input, 'h3', ['bjorn'], { windows: [{ day: 'fri', from: '14:00', to: '14:40' }], interpreterLanguage: 'ar' });
    input.interpreters = [{ id: 'i-ar', languages: ['ar'], windows: [{ day: 'fri', from: '14:00', to: '15:00' }] }];
    const { instance, model } = modelOf(input);
    const engine = solveState(model, { maxIterations: 200 });
    const reference = await solveReference(model, { timeLimitSeconds: 20 });
    expect(reference.optimal).toBe(true);
    expect(reference.levels.map((l) => l.value)).toEqual([...engine.state.cost]);
    const schedule = buildResult(reference.state!, { solver: 'milp', seed: 0, iterations: 0, elapsedMs: 0 });
    expect(verifySchedule(instance, schedule).violations).toEqual([]);
  });

  it('uses the same objective: it too leaves out a sibling\'s second talk rather than a whole family', async () => {
    const { model } = modelOf(oneSlotShort());
    const reference = await solveReference(model, { timeLimitSeconds: 20 });
    expect(reference.optimal).toBe(true);
    expect(reference.levels.slice(0, 3).map((l) => l.value)).toEqual([1, 0, 0]);
    const unplaced = model.requests.filter((r) => reference.state!.cand[r.index]! < 0).map((r) => r.id);
    expect(unplaced).toEqual(['siblings-anna']);
    expect(reference.levels.map((l) => l.value)).toEqual([...solveState(model, { maxIterations: 200 }).state.cost]);
  });

  it('counts teacher idle time slot by slot to the same optimum as by first start and last end', async () => {
    let input = withHousehold(withHousehold(baseInstance(), 'h1', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] }), 'h2', ['anna', 'bjorn']);
    input = withHousehold(input, 'h3', ['anna'], { windows: [{ day: 'fri', from: '15:00', to: '15:20' }] });
    const { model } = modelOf(input);
    const slotwise = await solveReference(model, { timeLimitSeconds: 20 });
    const firstLast = await solveReference(model, { timeLimitSeconds: 20, milp: { slotwiseTeacherIdle: false } });
    expect(slotwise.optimal && firstLast.optimal).toBe(true);
    expect(slotwise.levels.map((l) => l.value)).toEqual(firstLast.levels.map((l) => l.value));
    // Anna must see h1 at 14:00 and h3 at 15:00: with h2's talk between them she waits 20 minutes.
    expect(slotwise.levels[5]!.value).toBe(2);
    expect(slotwise.state!.cost).toEqual(slotwise.levels.map((l) => l.value));
  });

  it('counts household idle time slot by slot to the same optimum as by first start and last end', async () => {
    // h1 can come at 14:00 and at 14:40 only, so its two talks leave it 20 minutes to wait; h2 needs Anna at 14:00.
    let input = withHousehold(baseInstance(), 'h1', ['anna', 'bjorn'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }, { day: 'fri', from: '14:40', to: '15:00' }] });
    input = withHousehold(input, 'h2', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] });
    const { model } = modelOf(input);
    const slotwise = await solveReference(model, { timeLimitSeconds: 20, milp: { slotwiseHouseholdIdle: true } });
    const firstLast = await solveReference(model, { timeLimitSeconds: 20, milp: { slotwiseHouseholdIdle: false } });
    expect(slotwise.optimal && firstLast.optimal).toBe(true);
    expect(slotwise.levels.map((l) => l.value)).toEqual(firstLast.levels.map((l) => l.value));
    expect(slotwise.levels.slice(0, 4).map((l) => l.value)).toEqual([0, 0, 0, 2]);
    expect(slotwise.state!.cost).toEqual(slotwise.levels.map((l) => l.value));
    expect(firstLast.state!.cost).toEqual(firstLast.levels.map((l) => l.value));
  });

  it('is never beaten by the engine on random instances, so its optimum is a true bound', async () => {
    const samples = fc.sample(arbitraryInstance(), { numRuns: 6, seed: 7 });
    for (const input of samples) {
      const { instance, model } = modelOf(input);
      const engine = solveState(model, { maxIterations: 100 });
      const reference = await solveReference(model, { timeLimitSeconds: 3, start: engine.state });
      const proven = reference.levels.filter((l) => l.status === 'optimal').map((l) => l.value!);
      // On every level HiGHS proved, the engine is not better (and where the levels above agree, not better there).
      expect(compareCost(engine.state.cost.slice(0, proven.length), proven)).toBeGreaterThanOrEqual(0);
      if (reference.state) expect(verifySchedule(instance, buildResult(reference.state, { solver: 'milp', seed: 0, iterations: 0, elapsedMs: 0 })).violations).toEqual([]);
    }
  });
});
