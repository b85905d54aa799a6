import { describe, expect, it } from 'vitest';
import { formattingLocale } from './session';

describe('the locale dates are written in', () => {
  it('is British for English, day before month and a 24-hour clock, and the language itself otherwise', () => {
    const at = new Date('2026-12-01T16:33:00Z');
    const format = (locale: string) => new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(at);
    expect(format('en')).toBe('1 Dec 2026, 17:33');
    expect(format('nb')).toBe('1. des. 2026, 17:33');
    expect(formattingLocale('nn')).toBe('nn');
  });
});
