// Wall-clock minutes on Oslo dates, and the instants they are. The engine counts minutes from midnight of each
// round day; only the output needs real instants, and there the offset changes with summer time (+02:00 until
// the last Sunday of October, +01:00 after), so it is looked up per date and time, never taken from the process.
import { osloOffsetMinutes } from '@shared/dates';

/** 'HH:MM' of minutes since midnight. */
export function wallTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The ISO instant, with Oslo's offset, of a wall-clock time on an Oslo date. */
export function osloInstant(date: string, minutes: number): string {
  const wall = Date.parse(`${date}T${wallTime(minutes)}:00Z`);
  // The offset at the guessed instant can be the wrong side of a change; a second look settles it.
  const first = wall - osloOffsetMinutes(new Date(wall)) * 60_000;
  const offset = osloOffsetMinutes(new Date(first));
  const sign = offset < 0 ? '-' : '+';
  return `${date}T${wallTime(minutes)}:00${sign}${wallTime(Math.abs(offset))}`;
}
