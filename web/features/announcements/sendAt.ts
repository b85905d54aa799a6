// "Send at" as the teacher means it: a wall-clock time in Norway, whatever time zone the browser is in.
import { OSLO, osloTime } from '@shared/dates';

/** A `datetime-local` value ('2026-11-24T08:30') read as Oslo time, as an ISO instant; '' means now. */
export function osloInputToInstant(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return new Date(osloTime(m[1]!, Number(m[2])).getTime() + Number(m[3]) * 60_000).toISOString();
}

const osloMinute = new Intl.DateTimeFormat('en-CA', { timeZone: OSLO, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as a `datetime-local` value in Oslo time ('2026-11-24T08:30'): what osloInputToInstant reads back. */
export function instantToOsloInput(iso: string): string {
  const p = Object.fromEntries(osloMinute.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
