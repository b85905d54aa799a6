import { describe, expect, it } from 'vitest';
import { baseInstance, expectNeverWorse, householdsOf, modelOf, stateWith, withHousehold } from './fixtures';
import { intensify } from './intensify';
import type { Model } from './model';
import { pushInsert, pushPass } from './push';
import { moveBlocks, moveTeacherPairs } from './repack';
import { buildResult } from './result';
import { type State, zeroCost } from './state';
import { verifySchedule } from './verify';

const where = (model: Model, s: State, id: string) => {
  const r = model.requests.find((q) => q.id === id)!;
  if (s.cand[r.index]! < 0) return 'out';
  const g = r.candidates[s.cand[r.index]!]!;
  const day = model.days[model.dayOf[g]!]!;
  const minutes = day.opens + (g - day.offset) * model.slotMinutes;
  return `${day.id} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};
/** The cost the local search reaches from these placements without the moves of several conversations at once. */
const withoutThem = (model: Model, at: Record<string, [string, string]>) => {
  const s = stateWith(model, at);
  intensify(s, householdsOf(model), () => false, { exactChains: false, blocks: false });
  return s.cost;
};
const violations = (model: Model, s: State, instance: Parameters<typeof verifySchedule>[0]) =>
  verifySchedule(instance, buildResult(s, { solver: 'alns', seed: 1, iterations: 0, elapsedMs: 0 })).violations;

describe('moving a family\'s block whole', () => {
  it('moves a sibling block to the day it wants, with the families it lands on in both teachers\' rows', () => {
    // On Friday Anna has 14:00-14:20 and Bjørn 14:20-14:40, held by p and q. The siblings s would rather come on
    // Friday and sit back to back on Monday. One child's talk alone on Friday costs s a second day; only the block
    // and both p and q moving at once is better (small-48-2's last step, in miniature).
    let input = withHousehold(baseInstance(), 's', ['anna', 'bjorn'], { preferences: { days: ['fri'] } });
    input = withHousehold(withHousehold(input, 'p', ['anna']), 'q', ['bjorn']);
    input.teachers[0]!.windows = [{ day: 'fri', from: '14:00', to: '14:20' }, { day: 'mon', from: '14:00', to: '16:00' }];
    input.teachers[1]!.windows = [{ day: 'fri', from: '14:20', to: '14:40' }, { day: 'mon', from: '14:00', to: '16:00' }];
    const { instance, model } = modelOf(input);
    const at: Record<string, [string, string]> = { 's-anna': ['mon', '14:00'], 's-bjorn': ['mon', '14:20'], 'p-anna': ['fri', '14:00'], 'q-bjorn': ['fri', '14:20'] };
    const s = stateWith(model, at);
    expect(s.cost).toEqual([0, 0, 0, 0, 40, 0]);
    // The moves before it (single moves, ejections, swaps, re-packing, exchanges) do not find it.
    expect(withoutThem(model, at)[4]).toBe(40);
    expect(moveBlocks(s)).toBe(true);
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
    expect([where(model, s, 's-anna'), where(model, s, 's-bjorn')]).toEqual(['fri 14:00', 'fri 14:20']);
    expect([where(model, s, 'p-anna'), where(model, s, 'q-bjorn')].every((w) => w.startsWith('mon'))).toBe(true);
    expect(violations(model, s, instance)).toEqual([]);
  });

  it('reaches a waiting family\'s better day when a family it displaces must in turn displace a third', () => {
    // s waits 20 minutes on Monday (its windows there leave a gap) and could sit back to back on Friday, where
    // Anna and Bjørn each have one time, held by p and q. p can take s's Monday time with Anna; q can come on
    // Monday only at 14:20, where z sits, and z can take s's Monday time with Bjørn: three families move with s.
    let input = withHousehold(baseInstance(), 's', ['anna', 'bjorn'], {
      windows: [{ day: 'fri', from: '14:00', to: '14:40' }, { day: 'mon', from: '14:00', to: '14:20' }, { day: 'mon', from: '14:40', to: '15:00' }],
    });
    input = withHousehold(input, 'p', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }, { day: 'mon', from: '14:00', to: '14:20' }] });
    input = withHousehold(input, 'q', ['bjorn'], { windows: [{ day: 'fri', from: '14:20', to: '14:40' }, { day: 'mon', from: '14:20', to: '14:40' }] });
    input = withHousehold(input, 'z', ['bjorn'], { windows: [{ day: 'mon', from: '14:20', to: '15:00' }] });
    input.teachers[0]!.windows = [{ day: 'fri', from: '14:00', to: '14:20' }, { day: 'mon', from: '14:00', to: '15:00' }];
    input.teachers[1]!.windows = [{ day: 'fri', from: '14:20', to: '14:40' }, { day: 'mon', from: '14:00', to: '15:00' }];
    const { instance, model } = modelOf(input);
    const s = stateWith(model, { 'p-anna': ['fri', '14:00'], 'q-bjorn': ['fri', '14:20'], 's-anna': ['mon', '14:00'], 'z-bjorn': ['mon', '14:20'], 's-bjorn': ['mon', '14:40'] });
    expect(s.cost).toEqual([0, 0, 0, 2, 0, 0]);
    expect(moveBlocks(s)).toBe(true);
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['s-anna', 's-bjorn', 'p-anna', 'q-bjorn', 'z-bjorn'].map((id) => where(model, s, id))).toEqual(['fri 14:00', 'fri 14:20', 'mon 14:00', 'mon 14:20', 'mon 14:40']);
    expect(violations(model, s, instance)).toEqual([]);
  });

  it('never makes the schedule worse on any level, and breaks no constraint', () => {
    expectNeverWorse((state) => moveBlocks(state), 20261203);
  });

  it('moving two of a teacher\'s conversations together never makes the schedule worse, and breaks no constraint', () => {
    expectNeverWorse((state) => moveTeacherPairs(state), 20261205);
  });
});

describe('inserting with a push', () => {
  // Anna has three conversations' time on Friday and on Monday. a and b can only come on Friday, c any day, x
  // would rather come at Friday 14:00 and sits on Monday. x at 14:00 pushes a to 14:20, b to 14:40 and c out of
  // Friday, to the Monday time x left: four moves, each alone worse (a and b have nowhere else to go).
  function row() {
    let input = withHousehold(baseInstance(), 'x', ['anna'], { preferences: { days: ['fri'], from: '14:00', to: '14:20' } });
    for (const id of ['a', 'b']) input = withHousehold(input, id, ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '15:00' }] });
    input = withHousehold(input, 'c', ['anna']);
    input.teachers[0] = { ...input.teachers[0]!, windows: [{ day: 'fri', from: '14:00', to: '15:00' }, { day: 'mon', from: '14:00', to: '15:00' }] };
    return modelOf(input);
  }
  const at: Record<string, [string, string]> = { 'a-anna': ['fri', '14:00'], 'b-anna': ['fri', '14:20'], 'c-anna': ['fri', '14:40'], 'x-anna': ['mon', '14:00'] };

  it('takes a time in a full day, pushing the rest along and the last to the time it left', () => {
    const { instance, model } = row();
    const s = stateWith(model, at);
    expect(s.cost).toEqual([0, 0, 0, 0, 20, 0]);
    expect(withoutThem(model, at)[4]).toBe(20);
    expect(pushPass(s)).toBe(true);
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['x-anna', 'a-anna', 'b-anna', 'c-anna'].map((id) => where(model, s, id))).toEqual(['fri 14:00', 'fri 14:20', 'fri 14:40', 'mon 14:00']);
    expect(violations(model, s, instance)).toEqual([]);
  });

  it('leaves everything where it was when a push does not help', () => {
    const { model } = row();
    const s = stateWith(model, at);
    const before = { cand: [...s.cand], cost: [...s.cost] };
    // x at Friday 14:40, pushing c out (to Monday) and a, b nowhere: no better than before, so nothing changes.
    const x = model.requests.find((r) => r.id === 'x-anna')!;
    const c = x.candidates.findIndex((g) => g === model.days[0]!.offset + 16);
    expect(pushInsert(s, x.index, c, 1, zeroCost(), zeroCost(), zeroCost())).toBe(false);
    expect(pushInsert(s, x.index, c, -1, zeroCost(), zeroCost(), zeroCost())).toBe(false);
    expect({ cand: [...s.cand], cost: [...s.cost] }).toEqual(before);
  });

  it('never makes the schedule worse on any level, and breaks no constraint', () => {
    expectNeverWorse((state) => pushPass(state), 20261204);
  });
});
