// Small hand-made instances for the tests: a Friday before and a Monday after summer time ends (25 October 2026),
// two teachers in two rooms, and helpers to add households and requests without repeating the boilerplate.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { SchedulingInstanceInput } from '@shared/contracts/scheduling';
import { arbitraryInstance } from './arbitrary';
import { parseInstance } from './validate';
import { candidateAt } from './construct';
import type { Model } from './model';
import { buildResult } from './result';
import { solveState } from './solve';
import { compareCost, createState, findInterpreters, place, type State } from './state';
import { verifySchedule } from './verify';

type Input = SchedulingInstanceInput;

export function baseInstance(): Input {
  return {
    name: 'tiny',
    round: {
      name: 'Utviklingssamtaler haust',
      slotMinutes: 10,
      days: [
        { id: 'fri', date: '2026-10-23', from: '12:00', to: '20:00' },
        { id: 'mon', date: '2026-10-26', from: '12:00', to: '20:00' },
      ],
    },
    teachers: [
      { id: 'anna', room: 'A101', windows: [{ day: 'fri', from: '14:00', to: '18:00' }, { day: 'mon', from: '14:00', to: '18:00' }] },
      { id: 'bjorn', room: 'B202', windows: [{ day: 'fri', from: '14:00', to: '18:00' }, { day: 'mon', from: '14:00', to: '18:00' }] },
    ],
    households: [],
    interpreters: [],
    requests: [],
    fixed: [],
  };
}

/** Adds a household and one 20-minute request per teacher given (one child in each teacher's class). */
export function withHousehold(input: Input, id: string, teachers: string[], extra: Partial<Input['households'][number]> = {}): Input {
  const requests = teachers.map((t, i) => ({ id: `${id}-${t}`, studentId: `${id}-child-${i + 1}`, teacherId: t, householdIds: [id], durationSlots: 2 }));
  return { ...input, households: [...input.households, { id, ...extra }], requests: [...input.requests, ...requests] };
}

/** Parses an instance that the test expects to be valid. */
export function modelOf(input: Input) {
  const parsed = parseInstance(input);
  if (!parsed.ok) throw new Error(`fixture is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed;
}

/**
 * Anna has time for two conversations and is asked for three: a family with children with Anna and Bjørn, and
 * two families with one child each with Anna. Leaving out the sibling's talk with Anna reaches every family;
 * leaving out a one-child family would save a visit but leave that family without any conversation.
 */
export function oneSlotShort(): Input {
  const input = withHousehold(withHousehold(withHousehold(baseInstance(), 'siblings', ['anna', 'bjorn']), 'x', ['anna']), 'y', ['anna']);
  input.teachers[0]!.windows = [{ day: 'fri', from: '14:00', to: '14:40' }];
  return input;
}

/** A state with the given requests at the given times (day and start), the rest unplaced. */
export function stateWith(model: Model, at: Record<string, [string, string]>): State {
  const s = createState(model);
  for (const [id, [day, start]] of Object.entries(at)) {
    const r = model.requests.findIndex((q) => q.id === id);
    const ci = candidateAt(model, r, day, start);
    if (ci < 0) throw new Error(`${id} cannot start at ${day} ${start}`);
    place(s, r, ci, findInterpreters(s, r, model.requests[r]!.candidates[ci]!)!);
  }
  return s;
}

/** Each household's requests, as the local search takes them. */
export const householdsOf = (model: Model) => model.households.map((_, h) => model.requests.filter((r) => r.households.includes(h)).map((r) => r.index));

/**
 * The property every move of the local search must have: on random instances, from a rough schedule (20
 * iterations, no local search), it never makes the schedule worse on any level and breaks no constraint.
 */
export function expectNeverWorse(move: (s: State, model: Model) => unknown, fcSeed: number): void {
  fc.assert(
    fc.property(arbitraryInstance(), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
      const { instance, model } = modelOf(input);
      const { state } = solveState(model, { seed, maxIterations: 20, intensify: false });
      const before = [...state.cost];
      move(state, model);
      expect(compareCost(state.cost, before)).toBeLessThanOrEqual(0);
      expect(verifySchedule(instance, buildResult(state, { solver: 'alns', seed, iterations: 20, elapsedMs: 0 })).violations).toEqual([]);
    }),
    { numRuns: 30, seed: fcSeed },
  );
}
