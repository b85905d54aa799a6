import { describe, expect, it } from 'vitest';
import { baseInstance, expectNeverWorse, householdsOf, modelOf, oneSlotShort, stateWith, withHousehold } from './fixtures';
import { intensify } from './intensify';
import { chainPass } from './polish';
import { repackBlocks } from './repack';
import type { Model } from './model';
import { buildResult } from './result';
import { createState, place, type State } from './state';
import { verifySchedule } from './verify';


const where = (model: Model, s: State, id: string) => {
  const r = model.requests.find((q) => q.id === id)!;
  const g = r.candidates[s.cand[r.index]!]!;
  const day = model.days[model.dayOf[g]!]!;
  return `${day.id} ${day.opens / 60 + ((g - day.offset) * model.slotMinutes) / 60}`;
};

// The property runs are pure CPU: on a shared two-core machine they can take several times their usual time.
describe('the local search after the large neighbourhood search', { timeout: 120_000 }, () => {
  it('lets two families trade days when both of the teacher\'s days are full', () => {
    const input = withHousehold(withHousehold(baseInstance(), 'monday', ['anna'], { preferences: { days: ['mon'] } }), 'any', ['anna']);
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 1 };
    const { model } = modelOf(input);
    const s = stateWith(model, { 'monday-anna': ['fri', '14:00'], 'any-anna': ['mon', '14:00'] });
    expect(s.cost[4]).toBe(20);
    intensify(s, householdsOf(model));
    expect(s.cost[4]).toBe(0);
    expect(where(model, s, 'monday-anna')).toMatch(/^mon/);
  });

  it('gives an unplaced family\'s only request the time of a sibling\'s second talk', () => {
    const { model } = modelOf(oneSlotShort());
    const s = stateWith(model, { 'siblings-anna': ['fri', '14:00'], 'siblings-bjorn': ['fri', '14:20'], 'x-anna': ['fri', '14:20'] });
    expect(s.cost.slice(0, 2)).toEqual([1, 1]);
    intensify(s, householdsOf(model));
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
    intensify(s, householdsOf(model));
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('moves a sibling block together with the conversations it lands on in both teachers\' rows', () => {
    // Both teachers have one hour on Friday. The siblings sit back to back with Bjørn, then Anna; p (with Anna)
    // and q (with Bjørn) take 30 minutes each. p would rather start at 14:30: that needs the block's order turned
    // round and p and q moved too, four conversations at once, which no single move, ejection or swap can do.
    let input = withHousehold(baseInstance(), 's', ['anna', 'bjorn']);
    input = withHousehold(input, 'p', ['anna'], { preferences: { from: '14:30' } });
    input = withHousehold(input, 'q', ['bjorn']);
    input.teachers = input.teachers.map((t) => ({ ...t, windows: [{ day: 'fri', from: '14:00', to: '15:00' }] }));
    input.requests = input.requests.map((r) => (r.householdIds[0] === 's' ? r : { ...r, durationSlots: 3 }));
    const { instance, model } = modelOf(input);
    const s = stateWith(model, { 'p-anna': ['fri', '14:00'], 's-anna': ['fri', '14:30'], 's-bjorn': ['fri', '14:10'], 'q-bjorn': ['fri', '14:30'] });
    expect(s.cost).toEqual([0, 0, 0, 0, 30, 0]);
    const alone = createState(model);
    s.cand.forEach((ci, r) => ci >= 0 && place(alone, r, ci, s.interp[r]!));
    intensify(alone, householdsOf(model), () => false, { repack: false, exactChains: false, blocks: false });
    expect(alone.cost[4]).toBe(30);
    expect(repackBlocks(s)).toBe(true);
    expect(s.cost).toEqual([0, 0, 0, 0, 0, 0]);
    expect([where(model, s, 's-anna'), where(model, s, 's-bjorn'), where(model, s, 'p-anna')]).toEqual(['fri 14.166666666666666', 'fri 14.5', 'fri 14.5']);
    expect(verifySchedule(instance, buildResult(s, { solver: 'alns', seed: 1, iterations: 0, elapsedMs: 0 })).violations).toEqual([]);
  });

  it('changes which sibling\'s talk stays out when the other child\'s talk has to follow it', () => {
    // Bjørn and Anna have one conversation's time each on Friday. Family t has both, back to back, though t would
    // rather come on Monday; family s's talk with Bjørn is out and its talk with Anna is on Monday, though s would
    // rather come on Friday. Giving Bjørn's time to s helps only if both Anna talks move as well.
    let input = withHousehold(baseInstance(), 't', ['bjorn', 'anna'], { preferences: { days: ['mon'] } });
    input = withHousehold(input, 's', ['bjorn', 'anna'], { preferences: { days: ['fri'] } });
    input.teachers[0] = { ...input.teachers[0]!, windows: [{ day: 'fri', from: '14:20', to: '14:40' }, { day: 'mon', from: '14:00', to: '18:00' }] };
    input.teachers[1] = { ...input.teachers[1]!, windows: [{ day: 'fri', from: '14:00', to: '14:20' }] };
    const { model } = modelOf(input);
    const s = stateWith(model, { 't-bjorn': ['fri', '14:00'], 't-anna': ['fri', '14:20'], 's-anna': ['mon', '14:00'] });
    expect(s.cost.slice(0, 5)).toEqual([1, 0, 0, 0, 60]);
    intensify(s, householdsOf(model));
    expect(s.cost).toEqual([1, 0, 0, 0, 0, 0]);
    expect(s.cand[model.requests.find((r) => r.id === 't-bjorn')!.index]).toBe(-1);
  });

  it('reaches a family through a chain: one talk makes way, the newcomer takes a third family\'s time, which moves to the freed day', () => {
    // Anna has room for one talk a day. Family a can only come on Friday at 14:00, where c sits; b has its talk
    // with Anna on Monday and one with Bjørn. Reaching a needs three changes at once: b's talk with Anna out, a
    // in at c's time and c to Monday. No exchange of two nor ejection does it (each alone reaches no one more).
    let input = withHousehold(baseInstance(), 'a', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] });
    input = withHousehold(withHousehold(input, 'c', ['anna']), 'b', ['anna', 'bjorn']);
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 1 };
    const { instance, model } = modelOf(input);
    const at = { 'c-anna': ['fri', '14:00'], 'b-anna': ['mon', '14:00'], 'b-bjorn': ['mon', '14:20'] } as const satisfies Record<string, [string, string]>;
    const s = stateWith(model, at);
    expect(s.cost.slice(0, 2)).toEqual([1, 1]);
    const without = stateWith(model, at);
    intensify(without, householdsOf(model), () => false, { chains: false, exactChains: false });
    expect(without.cost.slice(0, 2)).toEqual([1, 1]);
    intensify(s, householdsOf(model));
    expect(s.cost.slice(0, 3)).toEqual([1, 0, 0]);
    expect(where(model, s, 'a-anna')).toBe('fri 14');
    expect(where(model, s, 'c-anna')).toMatch(/^mon/);
    expect(s.cand[model.requests.find((r) => r.id === 'b-anna')!.index]).toBe(-1);
    expect(verifySchedule(instance, buildResult(s, { solver: 'alns', seed: 1, iterations: 0, elapsedMs: 0 })).violations).toEqual([]);
  });

  it('reaches a family through an exact chain of three displacements that no shorter move makes', () => {
    // Anna is in from 14:00 to 15:00 on Friday, with room for three talks. a can only come at 14:00, where c1 sits;
    // c1 can come until 14:40, c2 from 14:20, c3 only at 14:40 (and sees Bjørn at 15:00). Reaching a needs a in,
    // c1 to c2's time, c2 to c3's and c3's talk with Anna out, all at once: each step alone leaves a family out.
    let input = withHousehold(baseInstance(), 'a', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:20' }] });
    input = withHousehold(input, 'c1', ['anna'], { windows: [{ day: 'fri', from: '14:00', to: '14:40' }] });
    input = withHousehold(input, 'c2', ['anna'], { windows: [{ day: 'fri', from: '14:20', to: '15:00' }] });
    input = withHousehold(input, 'c3', ['anna', 'bjorn'], { windows: [{ day: 'fri', from: '14:40', to: '15:20' }] });
    input.teachers[0] = { ...input.teachers[0]!, windows: [{ day: 'fri', from: '14:00', to: '15:00' }] };
    const { instance, model } = modelOf(input);
    const at = { 'c1-anna': ['fri', '14:00'], 'c2-anna': ['fri', '14:20'], 'c3-anna': ['fri', '14:40'], 'c3-bjorn': ['fri', '15:00'] } as const satisfies Record<string, [string, string]>;
    const without = stateWith(model, at);
    expect(without.cost.slice(0, 2)).toEqual([1, 1]);
    intensify(without, householdsOf(model), () => false, { chains: true, exactChains: false });
    expect(without.cost.slice(0, 2)).toEqual([1, 1]);
    const s = stateWith(model, at);
    intensify(s, householdsOf(model));
    expect(s.cost.slice(0, 3)).toEqual([1, 0, 0]);
    expect(where(model, s, 'a-anna')).toBe('fri 14');
    expect(where(model, s, 'c1-anna')).toBe(`fri ${14 + 20 / 60}`);
    expect(where(model, s, 'c2-anna')).toBe(`fri ${14 + 40 / 60}`);
    expect(s.cand[model.requests.find((r) => r.id === 'c3-anna')!.index]).toBe(-1);
    expect(verifySchedule(instance, buildResult(s, { solver: 'alns', seed: 1, iterations: 0, elapsedMs: 0 })).violations).toEqual([]);
  });

  it('the exact chains never make the schedule worse on any level, and break no constraint', () => {
    expectNeverWorse((state, model) => chainPass(state, householdsOf(model)), 20261203);
  });

  it('lets a pair of one teacher\'s conversations each take a time beside the one the other frees', () => {
    // Anna has room for one talk a day. a (Friday 14:00, wants Monday) and b (Monday 14:00, wants to come after
    // 14:10 on Friday) cannot trade starts, only each take the other's day at another time.
    let input = withHousehold(baseInstance(), 'a', ['anna'], { preferences: { days: ['mon'] } });
    input = withHousehold(input, 'b', ['anna'], { preferences: { days: ['fri'], from: '14:10' } });
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 1 };
    input.households[1] = { ...input.households[1]!, windows: [{ day: 'fri', from: '14:10', to: '18:00' }, { day: 'mon', from: '14:00', to: '18:00' }] };
    const { model } = modelOf(input);
    const s = stateWith(model, { 'a-anna': ['fri', '14:00'], 'b-anna': ['mon', '14:00'] });
    expect(s.cost[4]).toBe(50);
    intensify(s, householdsOf(model));
    expect(s.cost[4]).toBe(0);
  });

  it('re-packing never makes the schedule worse on any level, and breaks no constraint', () => {
    expectNeverWorse((state) => repackBlocks(state), 20261202);
  });

  it('never makes the schedule worse on any level, and breaks no constraint', () => {
    expectNeverWorse((state, model) => intensify(state, householdsOf(model)), 20261201);
  });
});
