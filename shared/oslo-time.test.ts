import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, schoolDaysBetween, termOf } from './oslo-time';

describe('Oslo calendar dates', () => {
  it('steps over the nights the clocks change without losing or repeating a day', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-10-26', -2)).toBe('2026-10-24');
  });

  it('counts Monday to Friday as school days', () => {
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(schoolDaysBetween('2026-10-23', '2026-10-26')).toEqual(['2026-10-23', '2026-10-26']);
  });

  it('puts a date in its half-year, within the school year', () => {
    expect(termOf('2026-11-23', { startsOn: '2026-08-15', endsOn: '2027-06-20' })).toEqual({ name: 'autumn', from: '2026-08-15', to: '2026-12-31' });
    expect(termOf('2027-03-01', { startsOn: '2026-08-15', endsOn: '2027-06-20' })).toEqual({ name: 'spring', from: '2027-01-01', to: '2027-06-20' });
  });
});
