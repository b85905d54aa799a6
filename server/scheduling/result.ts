// The schedule as the outside sees it: ids, Oslo dates and times, instants with the right offset for each date,
// and the report (objective, unplaced with reasons, each household's days and waiting, teacher idle time,
// interpreter utilisation).
import type { Objective, Placement, ScheduleReport, ScheduleResult } from '@shared/contracts/scheduling';
import { unplacedWithReasons } from './reasons';
import { startOf, type Cost, type State } from './state';
import { osloInstant, wallTime } from './time';

export function objectiveOf(s: State, cost: Cost = s.cost): Objective {
  const m = s.model.slotMinutes;
  return { unplaced: cost[0], householdsWithoutConversation: cost[1], extraHouseholdDays: cost[2], householdIdleMinutes: cost[3] * m, preferencePenalty: cost[4], teacherIdleMinutes: cost[5] * m };
}

export function placementsOf(s: State): Placement[] {
  const { model } = s;
  const out: Placement[] = [];
  for (const req of model.requests) {
    const g = startOf(s, req.index);
    if (g < 0) continue;
    const day = model.days[model.dayOf[g]!]!;
    const from = day.opens + (g - day.offset) * model.slotMinutes;
    const to = from + req.duration * model.slotMinutes;
    const r = model.instance.requests[req.index]!;
    out.push({
      requestId: r.id,
      studentId: r.studentId,
      teacherId: r.teacherId,
      ...(r.secondTeacherId ? { secondTeacherId: r.secondTeacherId } : {}),
      householdIds: r.householdIds,
      interpreterIds: s.interp[req.index]!.map((p) => model.interpreters[p]!.id),
      room: model.rooms[req.room]!,
      day: day.id,
      date: day.date,
      start: wallTime(from),
      end: wallTime(to),
      startsAt: osloInstant(day.date, from),
      endsAt: osloInstant(day.date, to),
      fixed: s.locked[req.index] === 1,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.teacherId.localeCompare(b.teacherId));
}

/** Per person and day: conversations and idle slots, from a ledger. */
function perPerson(s: State, ledger: State['teachers'], x: number): { conversations: number; days: number[]; idle: number } {
  const D = s.model.days.length;
  const days: number[] = [];
  let conversations = 0;
  let idle = 0;
  for (let d = 0; d < D; d++) {
    const k = x * D + d;
    if (ledger.count[k] === 0) continue;
    days.push(d);
    conversations += ledger.count[k]!;
    idle += ledger.last[k]! - ledger.first[k]! - ledger.busy[k]!;
  }
  return { conversations, days, idle };
}

export function buildResult(s: State, search: ScheduleReport['search']): ScheduleResult {
  const { model } = s;
  const m = model.slotMinutes;
  const asked = new Int32Array(model.households.length);
  for (const r of model.requests) for (const h of r.households) asked[h]!++;
  const households = model.households.map((h, i) => {
    const p = perPerson(s, s.households, i);
    return { householdId: h.id, requests: asked[i]!, conversations: p.conversations, days: p.days.length, dates: p.days.map((d) => model.days[d]!.date), idleMinutes: p.idle * m };
  });
  const teachers = model.teachers.map((t, i) => {
    const p = perPerson(s, s.teachers, i);
    return { teacherId: t.id, conversations: p.conversations, days: p.days.length, idleMinutes: p.idle * m };
  });
  const interpreters = model.interpreters.map((p, i) => {
    const booked = s.interpreters.busy.subarray(i * model.days.length, (i + 1) * model.days.length).reduce((a, b) => a + b, 0) * m;
    const available = p.free.reduce((a, b) => a + b, 0) * m;
    return { interpreterId: p.id, conversations: perPerson(s, s.interpreters, i).conversations, bookedMinutes: booked, availableMinutes: available, utilisation: available > 0 ? Math.round((booked / available) * 1000) / 1000 : 0 };
  });
  return {
    instance: model.instance.name,
    placements: placementsOf(s),
    report: { objective: objectiveOf(s), unplaced: unplacedWithReasons(s), households, teachers, interpreters, search },
  };
}
