// Calendar arithmetic on Norwegian dates ('YYYY-MM-DD', a day in Europe/Oslo) and wall-clock times ('HH:MM').
// Date strings are handled as calendar values, never through the process's TZ, so results are the same under
// TZ=UTC and TZ=Europe/Oslo. For instants, see dates.ts (osloDate, osloMidnight, osloTime).

/** A calendar date shifted by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday to Friday. School holidays are not modelled yet: every weekday counts as a school day. */
export const isSchoolDay = (date: string): boolean => isoWeekday(date) <= 5;

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

export const schoolDaysBetween = (from: string, to: string): string[] => datesBetween(from, to).filter(isSchoolDay);

/** Minutes since midnight of a wall-clock 'HH:MM'. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A 'YYYY-MM-DD' that names a day of the calendar: 2026-02-30 and 2026-12-32 match the pattern but are not. */
export function isCalendarDate(date: string): boolean {
  if (!DATE_PATTERN.test(date)) return false;
  const d = new Date(`${date}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

/**
 * The half-year (termin) a date falls in: autumn is August–December, spring January–July. The school year's own
 * start and end clip it, so a term never reaches outside the year the school has registered.
 */
export function termOf(date: string, schoolYear?: { startsOn: string; endsOn: string }): { name: 'autumn' | 'spring'; from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const autumn = Number(date.slice(5, 7)) >= 8;
  const term = autumn ? { name: 'autumn' as const, from: `${year}-08-01`, to: `${year}-12-31` } : { name: 'spring' as const, from: `${year}-01-01`, to: `${year}-07-31` };
  if (!schoolYear) return term;
  return { ...term, from: term.from < schoolYear.startsOn ? schoolYear.startsOn : term.from, to: term.to > schoolYear.endsOn ? schoolYear.endsOn : term.to };
}
