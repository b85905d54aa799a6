// Instances drawn from what a Norwegian grunnskole looks like (issue 5): classes of 20–28 with one kontaktlærer
// each, about a quarter of households with more than one child at the school, about 15 % of children living in
// two homes (who want one joint or two separate conversations), about 10 % of households needing an interpreter
// in one of six common languages, and interpreters scarce: a few hours on two days each. No names: ids only.
import type { SchedulingInstanceInput } from '@shared/contracts/scheduling';
import { addDays, isSchoolDay } from '@shared/oslo-time';
import { createRng, pickWeighted, type Rng } from './random';

export interface GeneratorOptions {
  pupils: number;
  seed: number;
  name?: string;
  /** First date of the round; the round takes this many school days from it. */
  startDate?: string;
  days?: number;
}

type Instance = SchedulingInstanceInput;
type Household = Instance['households'][number];
type Window = { day: string; from: string; to: string };

/** Children at this school per family: 75 % one, so that about a quarter of households have siblings there. */
const CHILDREN = [0.75, 0.2, 0.045, 0.005];
const SPLIT_SHARE = 0.15;
const INTERPRETER_SHARE = 0.1;
/** The six languages most asked for in Norwegian schools, by rough share of interpreted conversations. */
const LANGUAGES: [string, number][] = [['pl', 0.25], ['ar', 0.2], ['so', 0.18], ['ti', 0.15], ['uk', 0.12], ['prs', 0.1]];
const SLOT = 10;

/** The default round crosses the end of summer time (25 October 2026), so every suite instance exercises it. */
const DEFAULT_START = '2026-10-22';

function roundDays(start: string, count: number): { id: string; date: string; from: string; to: string }[] {
  const days = [];
  for (let date = start; days.length < count; date = addDays(date, 1)) {
    if (isSchoolDay(date)) days.push({ id: `d${days.length + 1}`, date, from: '08:00', to: '20:00' });
  }
  return days;
}

function classSizes(pupils: number, rng: Rng): number[] {
  const classes = Math.max(1, Math.round(pupils / 24));
  const sizes = Array.from({ length: classes }, () => Math.floor(pupils / classes));
  for (let i = 0; i < pupils % classes; i++) sizes[i]!++;
  // Uneven classes, as real ones are, while keeping the total.
  for (let i = 0; i + 1 < classes; i += 2) {
    const shift = rng.between(0, 3);
    if (sizes[i]! - shift >= 20 && sizes[i + 1]! + shift <= 28) {
      sizes[i]! -= shift;
      sizes[i + 1]! += shift;
    }
  }
  return sizes;
}

function teacherWindows(rng: Rng, days: string[]): { windows: Window[]; breaks: Window[] } {
  const mine = rng.shuffle([...days]).slice(0, Math.min(days.length, 3)).sort();
  const windows: Window[] = [];
  const breaks: Window[] = [];
  // At least one afternoon, so that working guardians can meet every teacher.
  mine.forEach((day, i) => {
    if (i === 0 || rng.chance(0.5)) {
      windows.push({ day, from: '14:00', to: '19:00' });
      if (rng.chance(0.5)) breaks.push({ day, from: '16:30', to: '17:00' });
    } else windows.push({ day, from: '09:00', to: '15:00' });
  });
  return { windows, breaks };
}

function householdWindows(rng: Rng, days: string[]): Window[] | undefined {
  const kind = rng.next();
  if (kind < 0.45) return undefined;
  if (kind < 0.75) return days.map((day) => ({ day, from: '15:30', to: '20:00' }));
  if (kind < 0.92) return rng.shuffle([...days]).slice(0, 2).sort().map((day) => ({ day, from: '08:00', to: '20:00' }));
  if (kind < 0.97) return rng.shuffle([...days]).slice(0, 2).sort().map((day) => ({ day, from: '17:00', to: '20:00' }));
  if (kind < 0.995) return [{ day: rng.pick(days), from: '17:00', to: '20:00' }];
  // A few households can only come when no teacher is there: the engine must say so, not drop them.
  return [{ day: rng.pick(days), from: '08:00', to: '09:00' }];
}

function preferences(rng: Rng, days: string[]): Household['preferences'] {
  const kind = rng.next();
  if (kind < 0.3) return { notDuringWorkingHours: true };
  if (kind < 0.45) return { days: rng.shuffle([...days]).slice(0, rng.between(1, 2)).sort() };
  if (kind < 0.55) return { asEarlyAsPossible: true };
  if (kind < 0.65) return { from: '17:00' };
  return {};
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateInstance(options: GeneratorOptions): Instance {
  const rng = createRng(options.seed);
  const days = roundDays(options.startDate ?? DEFAULT_START, options.days ?? 4);
  const dayIds = days.map((d) => d.id);
  const sizes = classSizes(options.pupils, rng);
  const teachers: Instance['teachers'] = sizes.map((_, c) => ({ id: `t${pad(c + 1, 2)}`, room: `room-${101 + c}`, maxPerDay: 12, ...teacherWindows(rng, dayIds) }));
  const specialists = Math.max(1, Math.round(options.pupils / 150));
  for (let i = 0; i < specialists; i++) {
    teachers.push({ id: `sp${i + 1}`, room: `room-sp${i + 1}`, maxPerDay: 8, windows: dayIds.map((day) => ({ day, from: '09:00', to: '19:00' })), breaks: [] });
  }

  // Seats left per class; siblings go to different classes.
  const seats = [...sizes];
  const households: Household[] = [];
  const requests: Instance['requests'] = [];
  const demand = new Map<string, number>();
  let student = 0;
  const language = () => LANGUAGES[pickWeighted(rng, LANGUAGES.map((l) => l[1]))]![0];
  const addHousehold = (familyLanguage: string | undefined): string => {
    const id = `h${pad(households.length + 1, 4)}`;
    const needs = familyLanguage ?? (rng.chance(INTERPRETER_SHARE) ? language() : undefined);
    households.push({ id, windows: householdWindows(rng, dayIds), preferences: preferences(rng, dayIds), ...(needs ? { interpreterLanguage: needs } : {}) });
    return id;
  };
  while (seats.some((n) => n > 0)) {
    const open = seats.flatMap((n, c) => (n > 0 ? [c] : []));
    const children = Math.min(open.length, 1 + pickWeighted(rng, CHILDREN));
    const classes = rng.shuffle(open).slice(0, children);
    const split = rng.chance(SPLIT_SHARE);
    const first = addHousehold(undefined);
    const firstLanguage = households[households.length - 1]!.interpreterLanguage;
    // The other home of a split family often speaks the same language.
    const second = split ? addHousehold(firstLanguage && rng.chance(0.5) ? firstLanguage : undefined) : null;
    const joint = rng.chance(0.5);
    for (const c of classes) {
      seats[c]!--;
      student++;
      const studentId = `s${pad(student, 4)}`;
      const secondTeacherId = rng.chance(0.05) ? `sp${rng.between(1, specialists)}` : undefined;
      const groups = second === null ? [[first]] : joint ? [[first, second]] : [[first], [second]];
      for (const householdIds of groups) {
        const interpreted = householdIds.map((h) => households.find((x) => x.id === h)!.interpreterLanguage).filter((l): l is string => l !== undefined);
        const durationSlots = interpreted.length > 0 || secondTeacherId ? 3 : 2;
        for (const l of new Set(interpreted)) demand.set(l, (demand.get(l) ?? 0) + durationSlots * SLOT);
        requests.push({ id: `r${pad(requests.length + 1, 4)}`, studentId, teacherId: teachers[c]!.id, ...(secondTeacherId ? { secondTeacherId } : {}), householdIds, durationSlots });
      }
    }
  }

  // Interpreters: scarce, about one and a half times the minutes asked for, in afternoons on two days each.
  const interpreters: Instance['interpreters'] = [];
  for (const [lang] of LANGUAGES) {
    const minutes = demand.get(lang) ?? 0;
    if (minutes === 0) continue;
    const count = Math.max(1, Math.ceil((minutes * 1.5) / 720));
    for (let i = 0; i < count; i++) {
      const mine = rng.shuffle([...dayIds]).slice(0, 2).sort();
      interpreters.push({ id: `i-${lang}-${i + 1}`, languages: [lang], travelMinutes: rng.pick([5, 10]), windows: mine.map((day) => ({ day, from: '13:00', to: '19:00' })) });
    }
  }

  return {
    name: options.name ?? `school-${options.pupils}-seed-${options.seed}`,
    round: { name: 'Utviklingssamtaler haust', slotMinutes: SLOT, days },
    teachers,
    households,
    interpreters,
    requests,
    fixed: [],
  };
}
