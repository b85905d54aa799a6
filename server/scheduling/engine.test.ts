import { describe, expect, it } from 'vitest';
import { baseInstance, modelOf, oneSlotShort, withHousehold } from './fixtures';
import { generateInstance } from './generator';
import { defaultLimits, solveSchedule } from './solve';
import { verifySchedule } from './verify';

const solve = (input: Parameters<typeof modelOf>[0], seed = 1) => {
  const { instance, model } = modelOf(input);
  const result = solveSchedule(model, { seed, maxIterations: 300 });
  return { instance, result, placed: new Map(result.placements.map((p) => [p.requestId, p])) };
};

describe('the scheduling engine', () => {
  it('puts siblings with different teachers back to back on one day', () => {
    const { result, placed } = solve(withHousehold(baseInstance(), 'siblings', ['anna', 'bjorn']));
    const [a, b] = [placed.get('siblings-anna')!, placed.get('siblings-bjorn')!];
    expect(a.date).toBe(b.date);
    expect([a.end === b.start, b.end === a.start]).toContain(true);
    expect(result.report.households[0]).toMatchObject({ householdId: 'siblings', conversations: 2, days: 1, idleMinutes: 0 });
  });

  it('leaves out a sibling\'s second talk rather than a whole family, when one request must go', () => {
    const { instance, result, placed } = solve(oneSlotShort());
    expect(result.report.unplaced.map((u) => u.requestId)).toEqual(['siblings-anna']);
    expect([...placed.keys()].sort()).toEqual(['siblings-bjorn', 'x-anna', 'y-anna']);
    expect(result.report.objective).toMatchObject({ unplaced: 1, householdsWithoutConversation: 0, extraHouseholdDays: 0 });
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('counts only the days beyond the first, for households that come at all', () => {
    // Anna is there on Friday only, Bjørn on Monday only: the siblings must come twice; the other family once.
    let input = withHousehold(withHousehold(baseInstance(), 'siblings', ['anna', 'bjorn']), 'single', ['anna']);
    input.teachers[0]!.windows = [{ day: 'fri', from: '14:00', to: '18:00' }];
    input.teachers[1]!.windows = [{ day: 'mon', from: '14:00', to: '18:00' }];
    input = withHousehold(input, 'away', ['anna'], { windows: [{ day: 'mon', from: '12:00', to: '13:00' }] });
    const { instance, result } = solve(input);
    expect(result.report.objective).toMatchObject({ unplaced: 1, householdsWithoutConversation: 1, extraHouseholdDays: 1 });
    expect(result.report.households).toEqual([
      expect.objectContaining({ householdId: 'siblings', requests: 2, conversations: 2, days: 2 }),
      expect.objectContaining({ householdId: 'single', requests: 1, conversations: 1, days: 1 }),
      expect.objectContaining({ householdId: 'away', requests: 1, conversations: 0, days: 0 }),
    ]);
    expect(verifySchedule(instance, result).objective).toEqual(result.report.objective);
  });

  it('gives the same schedule for the same seed', () => {
    const { model } = modelOf(generateInstance({ pupils: 60, seed: 5, days: 3 }));
    const first = solveSchedule(model, { seed: 42, maxIterations: 400 });
    const second = solveSchedule(model, { seed: 42, maxIterations: 400 });
    expect(second.placements).toEqual(first.placements);
    expect(second.report.objective).toEqual(first.report.objective);
  });

  it('gives the same schedule for the same seed with the default limits, up to a school of some 180 pupils', () => {
    // Rounds of at most 190 requests are bounded by their iterations, not the clock (defaultLimits): a cold and a
    // warm process, or a busy machine, give one schedule.
    const { model } = modelOf(generateInstance({ pupils: 70, seed: 4, days: 3 }));
    expect(model.requests.length).toBeGreaterThan(60);
    expect(defaultLimits(model)).toMatchObject({ coolOnClock: false, maxIterations: 300 * model.requests.length });
    const first = solveSchedule(model, { seed: 3 });
    const second = solveSchedule(model, { seed: 3 });
    expect(second.placements).toEqual(first.placements);
    expect(second.report.search.iterations).toBe(first.report.search.iterations);
    expect(second.report.objective).toEqual(first.report.objective);
  });

  it('keeps fixed bookings where they are when re-solving after a change', () => {
    const input = generateInstance({ pupils: 60, seed: 8, days: 3 });
    const { model } = modelOf(input);
    const before = solveSchedule(model, { seed: 1, maxIterations: 200 });
    const kept = before.placements.filter((_, i) => i % 4 === 0);
    // Afterwards a family's windows change and a new request comes in; the booked families stay put.
    const changed = structuredClone(input);
    changed.households[0]!.windows = [{ day: 'd2', from: '15:00', to: '20:00' }];
    changed.requests.push({ id: 'late', studentId: 'late-child', teacherId: 't01', householdIds: [changed.households[1]!.id], durationSlots: 2 });
    changed.fixed = kept.map((p) => ({ requestId: p.requestId, day: p.day, start: p.start, interpreterIds: p.interpreterIds }));
    const { instance, result, placed } = solve(changed, 7);
    for (const p of kept) expect(placed.get(p.requestId)).toMatchObject({ day: p.day, start: p.start, interpreterIds: p.interpreterIds, fixed: true });
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('moves a booking marked movable when a better time exists', () => {
    const input = withHousehold(baseInstance(), 'h1', ['anna'], { preferences: { days: ['mon'] } });
    input.fixed = [{ requestId: 'h1-anna', day: 'fri', start: '14:00', movable: true }];
    const { placed } = solve(input);
    expect(placed.get('h1-anna')).toMatchObject({ day: 'mon', fixed: false });
  });

  it('reports a request with no common window, with the reason, instead of dropping it', () => {
    const input = withHousehold(baseInstance(), 'mornings', ['anna'], { windows: [{ day: 'fri', from: '12:00', to: '13:00' }] });
    const { result } = solve(input);
    expect(result.placements).toEqual([]);
    expect(result.report.unplaced).toEqual([{ requestId: 'mornings-anna', reason: 'no_common_window', message: 'teacher "anna" and household "mornings" share no 20 minutes' }]);
    expect(result.report.objective.unplaced).toBe(1);
  });

  it('reports a request whose language has no interpreter', () => {
    const { result } = solve(withHousehold(baseInstance(), 'h1', ['anna'], { interpreterLanguage: 'ti' }));
    expect(result.report.unplaced).toEqual([expect.objectContaining({ requestId: 'h1-anna', reason: 'no_interpreter' })]);
  });

  it("reports the teacher's daily maximum when it is what stands in the way", () => {
    let input = baseInstance();
    input.teachers[0] = { ...input.teachers[0]!, maxPerDay: 1, windows: [{ day: 'fri', from: '14:00', to: '18:00' }] };
    input = withHousehold(withHousehold(input, 'h1', ['anna']), 'h2', ['anna']);
    const { result } = solve(input);
    expect(result.placements).toHaveLength(1);
    expect(result.report.unplaced).toEqual([expect.objectContaining({ reason: 'teacher_day_limit' })]);
  });

  it('reports two families who can only come at the same few minutes: one is placed, the other told why', () => {
    const window = [{ day: 'mon', from: '15:00', to: '15:20' }];
    const input = withHousehold(withHousehold(baseInstance(), 'h1', ['anna'], { windows: window }), 'h2', ['anna'], { windows: window });
    const { result } = solve(input);
    expect(result.placements).toHaveLength(1);
    expect(result.report.unplaced).toEqual([expect.objectContaining({ reason: 'no_free_time' })]);
  });

  it('brings the second teacher to the conversation and keeps them out of two rooms at once', () => {
    const input = withHousehold(withHousehold(baseInstance(), 'h1', ['anna']), 'h2', ['bjorn']);
    input.requests[0]!.secondTeacherId = 'bjorn';
    input.teachers[1]!.windows = [{ day: 'fri', from: '15:00', to: '15:40' }];
    const { instance, result, placed } = solve(input);
    const joint = placed.get('h1-anna')!;
    const own = placed.get('h2-bjorn')!;
    expect(joint.secondTeacherId).toBe('bjorn');
    expect(joint.start < own.start ? joint.end <= own.start : own.end <= joint.start).toBe(true);
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('leaves an interpreter time to walk between rooms, and reports how much of their time is booked', () => {
    let input = baseInstance();
    input.interpreters = [{ id: 'i-so', languages: ['so'], travelMinutes: 10, windows: [{ day: 'fri', from: '15:00', to: '16:00' }] }];
    input = withHousehold(input, 'h1', ['anna'], { interpreterLanguage: 'so' });
    input = withHousehold(input, 'h2', ['bjorn'], { interpreterLanguage: 'so' });
    const { instance, result } = solve(input);
    const [first, second] = result.placements;
    expect(result.placements).toHaveLength(2);
    expect(first!.room).not.toBe(second!.room);
    const gap = (Date.parse(second!.startsAt) - Date.parse(first!.endsAt)) / 60_000;
    expect(gap).toBeGreaterThanOrEqual(10);
    expect(result.report.interpreters).toEqual([{ interpreterId: 'i-so', conversations: 2, bookedMinutes: 40, availableMinutes: 60, utilisation: 0.667 }]);
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('holds one joint conversation for a split household, or two separate ones, as asked', () => {
    const input = baseInstance();
    input.households = [{ id: 'mum' }, { id: 'dad', windows: [{ day: 'mon', from: '16:00', to: '18:00' }] }];
    input.requests = [
      { id: 'joint', studentId: 'kid1', teacherId: 'anna', householdIds: ['mum', 'dad'], durationSlots: 2 },
      { id: 'mum-alone', studentId: 'kid2', teacherId: 'bjorn', householdIds: ['mum'], durationSlots: 2 },
      { id: 'dad-alone', studentId: 'kid2', teacherId: 'bjorn', householdIds: ['dad'], durationSlots: 2 },
    ];
    const { instance, result, placed } = solve(input);
    expect(placed.get('joint')).toMatchObject({ day: 'mon', householdIds: ['mum', 'dad'] });
    expect(result.report.unplaced).toEqual([]);
    // Dad comes once, so his two conversations are on Monday back to back; mum joins him that day.
    expect(result.report.households).toEqual([
      expect.objectContaining({ householdId: 'mum', days: 1, idleMinutes: 0 }),
      expect.objectContaining({ householdId: 'dad', days: 1, idleMinutes: 0 }),
    ]);
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });
});
