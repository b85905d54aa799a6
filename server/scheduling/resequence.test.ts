import { describe, expect, it } from 'vitest';
import { baseInstance, modelOf, stateWith, withHousehold } from './fixtures';
import type { Model } from './model';
import { resequenceDay, resequencePass } from './resequence';
import { buildResult } from './result';
import type { State } from './state';
import { verifySchedule } from './verify';


const startOf = (model: Model, s: State, id: string) => {
  const r = model.requests.find((q) => q.id === id)!;
  return r.candidates[s.cand[r.index]!]! - model.days[0]!.offset;
};

describe('the teacher-idle phase: re-sequencing a teacher\'s day', () => {
  it('puts a teacher\'s day in a new order that closes her gaps', () => {
    // Anna has room for three conversations on Friday. h1 can only come at 14:40, h2 from 14:20; h3 is free. As
    // they are, h2 and h1 sit either side of a gap with h3 late; the day closes only with h3 first, h2, then h1.
    // h4 (unplaced, Anna's, in the pool) cannot come in: her day is full. (Slot 12 is 14:00.)
    let input = withHousehold(baseInstance(), 'h1', ['anna'], { windows: [{ day: 'fri', from: '14:40', to: '15:00' }] });
    input = withHousehold(input, 'h2', ['anna'], { windows: [{ day: 'fri', from: '14:20', to: '16:00' }] });
    input = withHousehold(withHousehold(input, 'h3', ['anna']), 'h4', ['anna'], { windows: [{ day: 'fri', from: '17:00', to: '18:00' }] });
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 3 };
    const { instance, model } = modelOf(input);
    const s = stateWith(model, { 'h2-anna': ['fri', '14:20'], 'h1-anna': ['fri', '14:40'], 'h3-anna': ['fri', '15:20'] });
    expect(s.cost).toEqual([1, 1, 0, 0, 0, 2]);
    expect(resequenceDay(s, 0, 0)).toBe(true);
    expect(s.cost).toEqual([1, 1, 0, 0, 0, 0]);
    expect([startOf(model, s, 'h3-anna'), startOf(model, s, 'h2-anna'), startOf(model, s, 'h1-anna')]).toEqual([12, 14, 16]);
    expect(verifySchedule(instance, buildResult(s, { solver: 'alns', seed: 1, iterations: 0, elapsedMs: 0 })).violations).toEqual([]);
  });

  it('leaves a day as it was when no order is better, and does not search it again unchanged', () => {
    let input = withHousehold(baseInstance(), 'h1', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] });
    input = withHousehold(input, 'h2', ['anna'], { windows: [{ day: 'fri', from: '14:40', to: '15:00' }] });
    const { model } = modelOf(input);
    const s = stateWith(model, { 'h1-anna': ['fri', '14:00'], 'h2-anna': ['fri', '14:40'] });
    const before = { cand: [...s.cand], cost: [...s.cost] };
    expect(s.cost[5]).toBe(2);
    const failed = new Map<number, string>();
    expect(resequencePass(s, () => false, failed)).toBe(false);
    expect({ cand: [...s.cand], cost: [...s.cost] }).toEqual(before);
    expect(failed.has(0)).toBe(true);
    expect(resequencePass(s, () => false, failed)).toBe(false);
  });
});
