import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryInstance } from './arbitrary';
import { candidateAt } from './construct';
import { baseInstance, modelOf, oneSlotShort, withHousehold } from './fixtures';
import { intensify } from './intensify';
import type { Model } from './model';
import { buildResult } from './result';
import { solveState } from './solve';
import { compareCost, createState, findInterpreters, place, type State } from './state';
import { verifySchedule } from './verify';

/** A state with the given requests at the given times (day and start), the rest unplaced. */
function stateWith(model: Model, at: Record<string, [string, string]>): State {
  const s = createState(model);
  for (const [id, [day, start]] of Object.entries(at)) {
    const r = model.requests.findIndex((q) => q.id === id);
    const ci = candidateAt(model, r, day, start);
    expect(ci).toBeGreaterThanOrEqual(0);
    place(s, r, ci, findInterpreters(s, r, model.requests[r]!.candidates[ci]!)!);
  }
  return s;
}

const households = (model: Model) => model.households.map((_, h) => model.requests.filter((r) => r.households.includes(h)).map((r) => r.index));
const where = (model: Model, s: State, id: string) => {
  const r = model.requests.find((q) => q.id === id)!;
  const g = r.candidates[s.cand[r.index]!]!;
  const day = model.days[model.dayOf[g]!]!;
  return `${day.id} ${day.opens / 60 + ((g - day.offset) * model.slotMinutes) / 60}`;
};

describe('the local search after the large neighbourhood search', () => {
  it('lets two families trade days when both of the teacher\'s days are full', () => {
    const input = withHousehold(withHousehold(baseInstance(), 'monday', ['anna'], { preferences: { days: ['mon'] } }), 'any', ['anna']);
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 1 };
    const { model } = modelOf(input);
    const s = stateWith(model, { 'monday-anna': ['fri', '14:00'], 'any-anna': ['mon', '14:00'] });
    expect(s.cost[4]).toBe(20);
    intensify(s, households(model));
    expect(s.cost[4]).toBe(0);
    expect(where(model, s, 'monday-anna')).toMatch(/^mon/);
  });

  it('gives an unplaced family\'s only request the time of a sibling\'s second talk', () => {
    const { model } = modelOf(oneSlotShort());
    const s = stateWith(model, { 'siblings-anna': ['fri', '14:00'], 'siblings-bjorn': ['fri', '14:20'], 'x-anna': ['fri', '14:20'] });
    expect(s.cost.slice(0, 2)).toEqual([1, 1]);
    intensify(s, households(model));
    expect(s.cost.slice(0, 3)).toEqual([1, 0, 0]);
    expect(s.cand[model.requests.find((r) => r.id === 'siblings-anna')!.index]).toBe(-1);
  });

  it('closes a gap in a teacher\'s day that no single move can close', () => {
    // h1 can only come at 14:00; h2 and h3 come back to back with a gap before them, which neither can close alone.
    let input = withHousehold(baseInstance(), 'h1', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] });
    input = withHousehold(withHousehold(input, 'h2', ['anna']), 'h3', ['anna']);
    const { model } = modelOf(input);
    const s = stateWith(model, { 'h1-anna': ['fri', '14:00'], 'h2-anna': ['fri', '14:30'], 'h3-anna': ['fri', '14:50'] });
    expect(s.cost[5]).toBe(1);
    intensify(s, households(model));
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('never makes the schedule worse on any level, and breaks no constraint', () => {
    fc.assert(
      fc.property(arbitraryInstance(), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const { instance, model } = modelOf(input);
        const { state } = solveState(model, { seed, maxIterations: 20, intensify: false });
        const before = [...state.cost];
        intensify(state, households(model));
        expect(compareCost(state.cost, before)).toBeLessThanOrEqual(0);
        const result = buildResult(state, { solver: 'alns', seed, iterations: 20, elapsedMs: 0 });
        expect(verifySchedule(instance, result).violations).toEqual([]);
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
