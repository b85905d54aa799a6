// "Send at" as the teacher means it: a wall-clock time in Norway, whatever time zone the browser is in.
import { osloTime } from '@shared/dates';

/** A `datetime-local` value ('2026-11-24T08:30') read as Oslo time, as an ISO instant; '' means now. */
export function osloInputToInstant(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return new Date(osloTime(m[1]!, Number(m[2])).getTime() + Number(m[3]) * 60_000).toISOString();
}
