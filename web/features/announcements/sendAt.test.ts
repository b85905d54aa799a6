import { describe, expect, it } from 'vitest';
import { instantToOsloInput, osloInputToInstant } from './sendAt';

describe('a send-at time typed in the form', () => {
  it('is Oslo time in winter and in summer, whatever the browser\'s time zone', () => {
    expect(osloInputToInstant('2026-11-24T08:30')).toBe('2026-11-24T07:30:00.000Z');
    expect(osloInputToInstant('2026-06-10T08:30')).toBe('2026-06-10T06:30:00.000Z');
  });

  it('is right on the morning the clocks go forward, and empty means now', () => {
    expect(osloInputToInstant('2026-03-29T07:15')).toBe('2026-03-29T05:15:00.000Z');
    expect(osloInputToInstant('')).toBeNull();
  });

  it('is what the edit form shows of a stored time, read back to the same instant', () => {
    expect(instantToOsloInput('2026-11-24T07:30:00.000Z')).toBe('2026-11-24T08:30');
    expect(instantToOsloInput('2026-06-10T06:30:00.000Z')).toBe('2026-06-10T08:30');
    expect(osloInputToInstant(instantToOsloInput('2026-03-29T05:15:00.000Z'))).toBe('2026-03-29T05:15:00.000Z');
  });
});
