// Random small instances for property tests (fast-check): up to three teachers in up to three rooms, five
// households, two interpreters with travel time, second teachers, joint conversations, teacher day limits and
// breaks, over a Friday and a Monday on either side of the end of summer time. Every instance is valid input.
import fc from 'fast-check';
import type { SchedulingInstanceInput } from '@shared/contracts/scheduling';
import { wallTime } from './time';

const OPENS = 12 * 60;
const DAYS = [{ id: 'fri', date: '2026-10-23' }, { id: 'mon', date: '2026-10-26' }];

type Window = { day: string; from: string; to: string };

/**
 * Windows on each day as pairs of distinct sorted slot boundaries, so they never overlap; often the whole day or
 * a long stretch of it, so that people meet and the constraints have something to hold.
 */
const dayWindows = (slots: number, maxPerDay: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<number[]>([0, slots]) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: slots / 3 }), fc.integer({ min: (2 * slots) / 3, max: slots })).map(([a, b]) => [a, b]) },
    { weight: 3, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: slots }), { maxLength: 2 * maxPerDay }) },
  );
const windows = (slots: number, maxPerDay: number) => fc.array(dayWindows(slots, maxPerDay), { minLength: DAYS.length, maxLength: DAYS.length });

function toWindows(points: readonly (readonly number[])[], slot: number): Window[] {
  return points.flatMap((day, d) => {
    const sorted = [...day].sort((a, b) => a - b);
    const out: Window[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ day: DAYS[d]!.id, from: wallTime(OPENS + sorted[i]! * slot), to: wallTime(OPENS + sorted[i + 1]! * slot) });
    return out;
  });
}

export function arbitraryInstance(): fc.Arbitrary<SchedulingInstanceInput> {
  return fc.constantFrom(10, 15, 20).chain((slot) => {
    const slots = (6 * 60) / slot;
    return fc.record({
      teachers: fc.array(fc.record({ windows: windows(slots, 2), breaks: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: slots }), { maxLength: 2 }), { minLength: DAYS.length, maxLength: DAYS.length }), maxPerDay: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), room: fc.constantFrom('A', 'B', 'C') }), { minLength: 1, maxLength: 3 }),
      households: fc.array(fc.record({ windows: fc.option(windows(slots, 2), { nil: undefined, freq: 2 }), language: fc.constantFrom(undefined, undefined, 'so', 'ar'), early: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      interpreters: fc.array(fc.record({ languages: fc.subarray(['so', 'ar'], { minLength: 1 }), windows: windows(slots, 2), travel: fc.constantFrom(0, 10, 20) }), { maxLength: 2 }),
      requests: fc.array(fc.record({ teacher: fc.nat(), second: fc.option(fc.nat(), { nil: undefined }), households: fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 2 }), duration: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 10 }),
    }).map((v): SchedulingInstanceInput => {
      const T = v.teachers.length;
      const H = v.households.length;
      return {
        name: 'arbitrary',
        round: { name: 'round', slotMinutes: slot, days: DAYS.map((d) => ({ ...d, from: wallTime(OPENS), to: wallTime(OPENS + slots * slot) })) },
        teachers: v.teachers.map((t, i) => ({ id: `t${i}`, room: t.room, windows: toWindows(t.windows, slot), breaks: toWindows(t.breaks, slot), ...(t.maxPerDay ? { maxPerDay: t.maxPerDay } : {}) })),
        households: v.households.map((h, i) => ({
          id: `h${i}`,
          ...(h.windows ? { windows: toWindows(h.windows, slot) } : {}),
          ...(h.language ? { interpreterLanguage: h.language } : {}),
          preferences: h.early ? { asEarlyAsPossible: true } : { notDuringWorkingHours: true },
        })),
        interpreters: v.interpreters.map((p, i) => ({ id: `i${i}`, languages: p.languages, windows: toWindows(p.windows, slot), travelMinutes: p.travel })),
        requests: v.requests.map((r, i) => {
          const teacher = r.teacher % T;
          const second = r.second === undefined || T < 2 ? undefined : (teacher + 1 + (r.second % (T - 1))) % T;
          return {
            id: `r${i}`,
            studentId: `s${i}`,
            teacherId: `t${teacher}`,
            ...(second === undefined ? {} : { secondTeacherId: `t${second}` }),
            householdIds: [...new Set(r.households.map((h) => `h${h % H}`))],
            durationSlots: r.duration,
          };
        }),
        fixed: [],
      };
    });
  });
}
