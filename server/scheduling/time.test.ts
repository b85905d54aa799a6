import { describe, expect, it } from 'vitest';
import { baseInstance, withHousehold } from './fixtures';
import { modelOf } from './fixtures';
import { solveSchedule } from './solve';
import { osloInstant } from './time';
import { verifySchedule } from './verify';

describe('times in Europe/Oslo', () => {
  it('gives a Friday conversation summer time and the Monday after the clocks go back winter time', () => {
    const input = withHousehold(withHousehold(baseInstance(), 'fri-only', ['anna'], { windows: [{ day: 'fri', from: '17:00', to: '17:20' }] }), 'mon-only', ['anna'], { windows: [{ day: 'mon', from: '17:00', to: '17:20' }] });
    const { instance, model } = modelOf(input);
    const result = solveSchedule(model, { maxIterations: 50 });
    expect(result.placements.map((p) => [p.date, p.start, p.startsAt, p.endsAt])).toEqual([
      ['2026-10-23', '17:00', '2026-10-23T17:00:00+02:00', '2026-10-23T17:20:00+02:00'],
      ['2026-10-26', '17:00', '2026-10-26T17:00:00+01:00', '2026-10-26T17:20:00+01:00'],
    ]);
    // Same wall clock, three days and one hour apart in real time.
    const [fri, mon] = result.placements.map((p) => Date.parse(p.startsAt));
    expect((mon! - fri!) / 3_600_000).toBe(73);
    expect(verifySchedule(instance, result).violations).toEqual([]);
  });

  it('switches to summer time on the last Sunday of March', () => {
    expect(osloInstant('2026-03-27', 18 * 60)).toBe('2026-03-27T18:00:00+01:00');
    expect(osloInstant('2026-03-30', 18 * 60)).toBe('2026-03-30T18:00:00+02:00');
    expect(osloInstant('2026-03-29', 3 * 60 + 30)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('does not depend on the time zone the server runs in', () => {
    const before = process.env.TZ;
    const instants: string[] = [];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Oslo']) {
        process.env.TZ = tz;
        instants.push(osloInstant('2026-10-26', 8 * 60 + 10));
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(new Set(instants)).toEqual(new Set(['2026-10-26T08:10:00+01:00']));
  });
});
