import { describe, expect, it } from 'vitest';
import { generateInstance } from './generator';
import { parseInstance } from './validate';

describe('the instance generator', () => {
  const input = generateInstance({ pupils: 1000, seed: 3 });
  const households = new Map(input.households.map((h) => [h.id, h]));
  const students = new Map<string, Set<string>>();
  for (const r of input.requests) for (const h of r.householdIds) students.set(h, (students.get(h) ?? new Set()).add(r.studentId));

  it('makes a valid instance of a 1,000-pupil school with classes of 20 to 28', () => {
    expect(parseInstance(input).ok).toBe(true);
    expect(new Set(input.requests.map((r) => r.studentId)).size).toBe(1000);
    const perTeacher = new Map<string, Set<string>>();
    for (const r of input.requests) perTeacher.set(r.teacherId, (perTeacher.get(r.teacherId) ?? new Set()).add(r.studentId));
    const sizes = [...perTeacher.entries()].filter(([t]) => t.startsWith('t')).map(([, kids]) => kids.size);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(28);
  });

  it('gives about a quarter of households siblings at the school, in different classes', () => {
    const withSiblings = [...students.values()].filter((s) => s.size > 1).length / households.size;
    expect(withSiblings).toBeGreaterThan(0.18);
    expect(withSiblings).toBeLessThan(0.32);
    for (const [h, kids] of students) {
      const teachers = input.requests.filter((r) => r.householdIds.includes(h) && kids.has(r.studentId)).map((r) => r.teacherId);
      expect(new Set(teachers).size).toBe(kids.size);
    }
  });

  it('splits about 15 % of families over two homes, with joint and separate conversations', () => {
    const homes = new Map<string, Set<string>>();
    for (const r of input.requests) for (const h of r.householdIds) homes.set(r.studentId, (homes.get(r.studentId) ?? new Set()).add(h));
    const split = [...homes.values()].filter((h) => h.size === 2).length / homes.size;
    expect(split).toBeGreaterThan(0.1);
    expect(split).toBeLessThan(0.2);
    expect(input.requests.some((r) => r.householdIds.length === 2)).toBe(true);
    const separate = input.requests.filter((r, i) => input.requests.findIndex((q) => q.studentId === r.studentId) !== i);
    expect(separate.length).toBeGreaterThan(0);
  });

  it('needs an interpreter for about 10 % of households, in six languages, and provides scarce interpreters', () => {
    const needing = input.households.filter((h) => h.interpreterLanguage);
    expect(needing.length / input.households.length).toBeGreaterThan(0.07);
    expect(needing.length / input.households.length).toBeLessThan(0.14);
    expect(new Set(needing.map((h) => h.interpreterLanguage))).toEqual(new Set(['pl', 'ar', 'so', 'ti', 'uk', 'prs']));
    for (const language of new Set(needing.map((h) => h.interpreterLanguage!))) expect(input.interpreters!.some((p) => p.languages.includes(language))).toBe(true);
  });

  it('draws the same school from the same seed', () => {
    expect(generateInstance({ pupils: 1000, seed: 3 })).toEqual(input);
  });
});
