// An independent check of a schedule against its instance, in wall-clock minutes from the instance itself (not
// from the engine's slot model), so a bug in the engine cannot hide behind the same bug here. It lists every
// hard constraint broken and recomputes the objective the report claims.
import type { Objective, Placement, ScheduleResult, SchedulingInstance } from '@shared/contracts/scheduling';
import { isoWeekday, minutesOfDay } from '@shared/oslo-time';
import { preferencePenalty } from './preferences';

interface Span { from: number; to: number; date: string; room: string; id: string }

const inside = (windows: { day: string; from: string; to: string }[] | undefined, day: string, from: number, to: number) =>
  windows === undefined || windows.some((w) => w.day === day && minutesOfDay(w.from) <= from && to <= minutesOfDay(w.to));
const overlapsAny = (windows: { day: string; from: string; to: string }[], day: string, from: number, to: number) =>
  windows.some((w) => w.day === day && minutesOfDay(w.from) < to && from < minutesOfDay(w.to));

const osloWall = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function wallOf(instant: string): string {
  const parts = Object.fromEntries(osloWall.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function push(map: Map<string, Span[]>, key: string, span: Span): void {
  const list = map.get(key) ?? [];
  list.push(span);
  map.set(key, list);
}

/** Idle minutes of a person's day: from first start to last end, less the time in conversations. */
function idle(spans: Span[]): number {
  const byDate = new Map<string, Span[]>();
  for (const s of spans) push(byDate, s.date, s);
  let total = 0;
  for (const list of byDate.values()) total += Math.max(...list.map((s) => s.to)) - Math.min(...list.map((s) => s.from)) - list.reduce((a, s) => a + s.to - s.from, 0);
  return total;
}

export interface Verdict { violations: string[]; objective: Objective }

export function verifySchedule(instance: SchedulingInstance, result: ScheduleResult): Verdict {
  const v: string[] = [];
  const slot = instance.round.slotMinutes;
  const days = new Map(instance.round.days.map((d) => [d.id, d]));
  const teachers = new Map(instance.teachers.map((t) => [t.id, t]));
  const households = new Map(instance.households.map((h) => [h.id, h]));
  const interpreters = new Map(instance.interpreters.map((p) => [p.id, p]));
  const requests = new Map(instance.requests.map((r) => [r.id, r]));
  const seen = new Map<string, Placement>();
  const teacherSpans = new Map<string, Span[]>();
  const householdSpans = new Map<string, Span[]>();
  const interpreterSpans = new Map<string, Span[]>();
  let penalty = 0;

  for (const p of result.placements) {
    const r = requests.get(p.requestId);
    const day = days.get(p.day);
    if (!r || !day) {
      v.push(`${p.requestId}: unknown request or day`);
      continue;
    }
    if (seen.has(r.id)) v.push(`${r.id}: placed twice`);
    seen.set(r.id, p);
    const from = minutesOfDay(p.start);
    const to = minutesOfDay(p.end);
    const at = `${r.id} on ${p.day} ${p.start}–${p.end}`;
    if (p.teacherId !== r.teacherId || p.secondTeacherId !== r.secondTeacherId || p.householdIds.join() !== r.householdIds.join()) v.push(`${at}: not the request's people`);
    if (to - from !== r.durationSlots * slot || from % slot !== 0) v.push(`${at}: wrong length or off the grid`);
    if (p.date !== day.date || from < minutesOfDay(day.from) || to > minutesOfDay(day.to)) v.push(`${at}: outside the round's day`);
    if (wallOf(p.startsAt) !== `${day.date} ${p.start}` || wallOf(p.endsAt) !== `${day.date} ${p.end}`) v.push(`${at}: instants ${p.startsAt}, ${p.endsAt} are not that Oslo time`);
    const room = teachers.get(r.teacherId)!.room;
    const span = { from, to, date: day.date, room, id: r.id };
    for (const t of [r.teacherId, ...(r.secondTeacherId ? [r.secondTeacherId] : [])]) {
      const teacher = teachers.get(t)!;
      if (!inside(teacher.windows, p.day, from, to) || overlapsAny(teacher.breaks, p.day, from, to)) v.push(`${at}: teacher ${t} is not available`);
      push(teacherSpans, t, span);
    }
    const needed = new Set<string>();
    for (const h of r.householdIds) {
      const household = households.get(h)!;
      if (!inside(household.windows, p.day, from, to)) v.push(`${at}: household ${h} is not available`);
      if (household.interpreterLanguage) needed.add(household.interpreterLanguage);
      push(householdSpans, h, span);
      penalty += preferencePenalty(household.preferences, instance.round.workingHours, { id: day.id, opens: minutesOfDay(day.from), weekday: isoWeekday(day.date) <= 5 }, from, to);
    }
    if (p.interpreterIds.length !== needed.size || new Set(p.interpreterIds).size !== p.interpreterIds.length) v.push(`${at}: needs ${needed.size} interpreter(s), has ${p.interpreterIds.length}`);
    for (const id of p.interpreterIds) {
      const interpreter = interpreters.get(id);
      const language = interpreter?.languages.find((l) => needed.has(l));
      if (!interpreter || language === undefined) {
        v.push(`${at}: interpreter ${id} speaks no language still needed`);
        continue;
      }
      needed.delete(language);
      if (!inside(interpreter.windows, p.day, from, to)) v.push(`${at}: interpreter ${id} is not available`);
      push(interpreterSpans, id, span);
    }
  }

  const noOverlap = (map: Map<string, Span[]>, what: string, travel: (id: string) => number) => {
    for (const [id, spans] of map) {
      const sorted = [...spans].sort((a, b) => a.date.localeCompare(b.date) || a.from - b.from);
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1]!;
        const b = sorted[i]!;
        if (a.date !== b.date) continue;
        const gap = a.room === b.room ? 0 : travel(id);
        if (b.from < a.to + gap) v.push(`${what} ${id}: ${a.id} and ${b.id} overlap${gap ? ' or leave no travel time' : ''} on ${a.date}`);
      }
    }
  };
  noOverlap(teacherSpans, 'teacher', () => 0);
  noOverlap(householdSpans, 'household', () => 0);
  noOverlap(interpreterSpans, 'interpreter', (id) => interpreters.get(id)!.travelMinutes);

  for (const [id, spans] of teacherSpans) {
    const max = teachers.get(id)!.maxPerDay;
    if (max === undefined) continue;
    const perDate = new Map<string, number>();
    for (const s of spans) perDate.set(s.date, (perDate.get(s.date) ?? 0) + 1);
    for (const [date, n] of perDate) if (n > max) v.push(`teacher ${id}: ${n} conversations on ${date}, at most ${max}`);
  }

  const unplaced = new Set(result.report.unplaced.map((u) => u.requestId));
  for (const r of instance.requests) {
    if (seen.has(r.id) === unplaced.has(r.id)) v.push(`${r.id}: ${seen.has(r.id) ? 'both placed and unplaced' : 'neither placed nor reported unplaced'}`);
  }
  for (const f of instance.fixed) {
    const p = seen.get(f.requestId);
    if (f.movable) continue;
    if (!p || p.day !== f.day || p.start !== f.start || (f.interpreterIds.length > 0 && p.interpreterIds.join() !== f.interpreterIds.join())) v.push(`${f.requestId}: the fixed booking moved`);
  }

  const asked = new Set(instance.requests.flatMap((r) => r.householdIds));
  const objective: Objective = {
    unplaced: instance.requests.length - seen.size,
    householdsWithoutConversation: [...asked].filter((h) => !householdSpans.has(h)).length,
    extraHouseholdDays: [...householdSpans.values()].reduce((a, spans) => a + new Set(spans.map((s) => s.date)).size - 1, 0),
    householdIdleMinutes: [...householdSpans.values()].reduce((a, spans) => a + idle(spans), 0),
    preferencePenalty: penalty,
    teacherIdleMinutes: [...teacherSpans.values()].reduce((a, spans) => a + idle(spans), 0),
  };
  const claimed = result.report.objective;
  for (const key of Object.keys(objective) as (keyof Objective)[]) {
    if (objective[key] !== claimed[key]) v.push(`objective ${key}: the report says ${claimed[key]}, the schedule has ${objective[key]}`);
  }
  return { violations: v, objective };
}
