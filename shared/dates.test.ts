import { describe, expect, it } from 'vitest';
import { isAdultOn, osloDate } from './dates';

describe('osloDate', () => {
  it('changes at midnight in Oslo, winter and summer time, also when asked again within the same minute', () => {
    // Winter (UTC+1): Oslo midnight is 23:00 UTC. Summer (UTC+2): 22:00 UTC.
    for (const [before, after, dayBefore, dayAfter] of [
      ['2026-12-01T22:59:59.999Z', '2026-12-01T23:00:00.000Z', '2026-12-01', '2026-12-02'],
      ['2026-06-30T21:59:59.999Z', '2026-06-30T22:00:00.000Z', '2026-06-30', '2026-07-01'],
    ] as const) {
      expect(osloDate(new Date(before))).toBe(dayBefore);
      expect(osloDate(new Date(after))).toBe(dayAfter);
      expect(osloDate(new Date(before))).toBe(dayBefore);
      expect(osloDate(new Date(Date.parse(before) - 30_000))).toBe(dayBefore);
      expect(osloDate(new Date(Date.parse(after) + 30_000))).toBe(dayAfter);
    }
  });

  it('refuses an invalid date every time, as Intl does', () => {
    expect(() => osloDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => osloDate(new Date('nonsense'))).toThrow(RangeError);
    expect(osloDate(new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-02');
  });

  it('makes a student adult on their 18th birthday in Oslo, not in UTC', () => {
    expect(isAdultOn('2008-12-02', new Date('2026-12-01T22:59:00Z'))).toBe(false);
    expect(isAdultOn('2008-12-02', new Date('2026-12-01T23:00:00Z'))).toBe(true);
  });
});
