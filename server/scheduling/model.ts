// The instance compiled to what the search needs: every day's slots laid end to end on one global slot axis, each
// person's availability as a 0/1 array on it, and for each request the starts where all its people are available
// (its candidates), with the preference penalty of each. Indices replace ids from here on.
import type { SchedulingInstance, UnplacedReason } from '@shared/contracts/scheduling';
import { isoWeekday, minutesOfDay } from '@shared/oslo-time';
import { compileWishes, wishPenalty } from './preferences';

export interface Day { id: string; date: string; opens: number; slots: number; offset: number; weekday: boolean }
export interface Person { id: string; free: Uint8Array }
export interface TeacherModel extends Person { room: number; maxPerDay: number }
export interface HouseholdModel extends Person { language: number }
export interface InterpreterModel extends Person { languages: number[]; travel: number }

export interface RequestModel {
  index: number;
  id: string;
  teacher: number;
  /** -1 when there is none. */
  second: number;
  /** The teachers in it: the main one, then the second if there is one. */
  teachers: number[];
  households: number[];
  duration: number;
  /** Languages an interpreter is needed for (index into Model.languages). */
  languages: number[];
  room: number;
  /** Global start slots where every person and some interpreter of each language is available, ascending. */
  candidates: Int32Array;
  /** Preference penalty (points) of each candidate. */
  penalty: Int32Array;
  /** Candidates of day d are candidates[byDay[d]] up to candidates[byDay[d + 1]]. */
  byDay: Int32Array;
  /** Why there is no candidate, when there is none. */
  reason: UnplacedReason | null;
}

export interface Model {
  instance: SchedulingInstance;
  slotMinutes: number;
  days: Day[];
  slotCount: number;
  dayOf: Int16Array;
  languages: string[];
  rooms: string[];
  teachers: TeacherModel[];
  households: HouseholdModel[];
  interpreters: InterpreterModel[];
  requests: RequestModel[];
}

type Window = { day: string; from: string; to: string };

function lookup<T extends { id: string }>(items: T[]): Map<string, number> {
  return new Map(items.map((item, i) => [item.id, i]));
}

function indexOf(list: string[], value: string): number {
  const i = list.indexOf(value);
  if (i >= 0) return i;
  list.push(value);
  return list.length - 1;
}

/** Slot index on the global axis of a wall-clock minute on a day (may fall outside the day). */
export function slotAt(model: Pick<Model, 'slotMinutes'>, day: Day, minute: number): number {
  return day.offset + Math.floor((minute - day.opens) / model.slotMinutes);
}

function freeArray(slotCount: number, days: Day[], slotMinutes: number, windows: Window[] | undefined, dayIndex: Map<string, number>): Uint8Array {
  const free = new Uint8Array(slotCount);
  if (!windows) return free.fill(1);
  for (const w of windows) {
    const day = days[dayIndex.get(w.day)!]!;
    const from = slotAt({ slotMinutes }, day, minutesOfDay(w.from));
    const to = slotAt({ slotMinutes }, day, minutesOfDay(w.to));
    free.fill(1, Math.max(from, day.offset), Math.min(to, day.offset + day.slots));
  }
  return free;
}

/** For each slot, how many slots in a row from it are free, not crossing into the next day. */
export function freeRuns(free: Uint8Array, days: Day[]): Int32Array {
  const run = new Int32Array(free.length);
  for (const day of days) {
    let n = 0;
    for (let g = day.offset + day.slots - 1; g >= day.offset; g--) {
      n = free[g] ? n + 1 : 0;
      run[g] = n;
    }
  }
  return run;
}

export function compileModel(instance: SchedulingInstance): Model {
  const slotMinutes = instance.round.slotMinutes;
  const days: Day[] = [];
  let offset = 0;
  for (const d of instance.round.days) {
    const opens = minutesOfDay(d.from);
    const slots = (minutesOfDay(d.to) - opens) / slotMinutes;
    days.push({ id: d.id, date: d.date, opens, slots, offset, weekday: isoWeekday(d.date) <= 5 });
    offset += slots;
  }
  const slotCount = offset;
  const dayOf = new Int16Array(slotCount);
  days.forEach((d, i) => dayOf.fill(i, d.offset, d.offset + d.slots));
  const dayIndex = lookup(instance.round.days);
  const free = (windows: Window[] | undefined) => freeArray(slotCount, days, slotMinutes, windows, dayIndex);

  const languages: string[] = [];
  const rooms: string[] = [];
  const teachers = instance.teachers.map((t) => {
    const open = free(t.windows);
    const breaks = free(t.breaks);
    for (let g = 0; g < slotCount; g++) if (breaks[g]) open[g] = 0;
    return { id: t.id, free: open, room: indexOf(rooms, t.room), maxPerDay: t.maxPerDay ?? Number.MAX_SAFE_INTEGER };
  });
  const households = instance.households.map((h) => ({ id: h.id, free: free(h.windows), language: h.interpreterLanguage ? indexOf(languages, h.interpreterLanguage) : -1 }));
  const interpreters = instance.interpreters.map((p) => ({
    id: p.id,
    free: free(p.windows),
    languages: p.languages.map((l) => indexOf(languages, l)),
    travel: Math.ceil(p.travelMinutes / slotMinutes),
  }));

  const runs = (people: Person[]) => people.map((p) => freeRuns(p.free, days));
  const teacherRuns = runs(teachers);
  const householdRuns = runs(households);
  const interpreterRuns = runs(interpreters);
  // Per language: the longest run any of its interpreters has from each slot.
  const languageRuns = languages.map((_, l) => {
    const best = new Int32Array(slotCount);
    interpreters.forEach((p, i) => {
      if (!p.languages.includes(l)) return;
      const run = interpreterRuns[i]!;
      for (let g = 0; g < slotCount; g++) if (run[g]! > best[g]!) best[g] = run[g]!;
    });
    return best;
  });

  const wishes = instance.households.map((h) => compileWishes(h.preferences, instance.round.workingHours));
  const teacherIndex = lookup(instance.teachers);
  const householdIndex = lookup(instance.households);
  const requests = instance.requests.map((r, index): RequestModel => {
    const teacher = teacherIndex.get(r.teacherId)!;
    const second = r.secondTeacherId === undefined ? -1 : teacherIndex.get(r.secondTeacherId)!;
    const hs = r.householdIds.map((h) => householdIndex.get(h)!);
    const langs = [...new Set(hs.map((h) => households[h]!.language).filter((l) => l >= 0))];
    const need = r.durationSlots;
    // The hot loop of compiling: plain reads, the teacher first (away most of the round).
    const teacherRun = teacherRuns[teacher]!;
    const secondRun = second >= 0 ? teacherRuns[second]! : null;
    const homeRuns = hs.map((h) => householdRuns[h]!);
    const neededRuns = langs.map((l) => languageRuns[l]!);
    const starts: number[] = [];
    let common = 0;
    for (let g = 0; g < slotCount; g++) {
      if (teacherRun[g]! < need || (secondRun !== null && secondRun[g]! < need)) continue;
      let fits = true;
      for (let k = 0; k < homeRuns.length; k++) if (homeRuns[k]![g]! < need) fits = false;
      if (!fits) continue;
      common++;
      for (let k = 0; k < neededRuns.length; k++) if (neededRuns[k]![g]! < need) fits = false;
      if (fits) starts.push(g);
    }
    const candidates = Int32Array.from(starts);
    const penalty = new Int32Array(starts.length);
    for (let c = 0; c < starts.length; c++) {
      const g = starts[c]!;
      const day = days[dayOf[g]!]!;
      const from = day.opens + (g - day.offset) * slotMinutes;
      for (const h of hs) penalty[c]! += wishPenalty(wishes[h]!, day, from, from + need * slotMinutes);
    }
    const reason = starts.length > 0 ? null : common === 0 ? 'no_common_window' : 'no_interpreter';
    const byDay = new Int32Array(days.length + 1);
    for (const g of starts) byDay[dayOf[g]! + 1]!++;
    for (let d = 0; d < days.length; d++) byDay[d + 1]! += byDay[d]!;
    return { index, id: r.id, teacher, second, teachers: second >= 0 ? [teacher, second] : [teacher], households: hs, duration: need, languages: langs, room: teachers[teacher]!.room, candidates, penalty, byDay, reason };
  });

  return { instance, slotMinutes, days, slotCount, dayOf, languages, rooms, teachers, households, interpreters, requests };
}
