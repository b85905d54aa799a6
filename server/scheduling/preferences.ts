// Level 4 of the objective: how far a conversation time is from what a household asked for, in points. One point
// is one minute of conversation outside a stated wish, so the wishes weigh alike; "as early as possible" costs
// 10 points for each hour after the round opens that day (a gentle pull, not a wall).
import type { Preferences } from '@shared/contracts/scheduling';
import { minutesOfDay } from '@shared/oslo-time';

const EARLY_POINTS_PER_HOUR = 10;

/** A household's wishes with the times already in minutes, since they are priced for every possible start. */
export interface Wishes { days: string[] | null; from: number; to: number; timed: boolean; early: boolean; work: [number, number] | null }

export function compileWishes(prefs: Preferences, workingHours: { from: string; to: string }): Wishes {
  return {
    days: prefs.days ?? null,
    from: prefs.from === undefined ? 0 : minutesOfDay(prefs.from),
    to: prefs.to === undefined ? 24 * 60 : minutesOfDay(prefs.to),
    timed: prefs.from !== undefined || prefs.to !== undefined,
    early: prefs.asEarlyAsPossible === true,
    work: prefs.notDuringWorkingHours ? [minutesOfDay(workingHours.from), minutesOfDay(workingHours.to)] : null,
  };
}

const overlap = (a: number, b: number, c: number, d: number) => Math.max(0, Math.min(b, d) - Math.max(a, c));

export function wishPenalty(w: Wishes, day: { id: string; opens: number; weekday: boolean }, from: number, to: number): number {
  const length = to - from;
  let points = 0;
  if (w.days && !w.days.includes(day.id)) points += length;
  if (w.timed) points += length - overlap(from, to, w.from, w.to);
  if (w.work && day.weekday) points += overlap(from, to, w.work[0], w.work[1]);
  if (w.early) points += Math.round(((from - day.opens) * EARLY_POINTS_PER_HOUR) / 60);
  return points;
}

export function preferencePenalty(prefs: Preferences, workingHours: { from: string; to: string }, day: { id: string; opens: number; weekday: boolean }, from: number, to: number): number {
  return wishPenalty(compileWishes(prefs, workingHours), day, from, to);
}
