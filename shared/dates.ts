// Dates in Tillit are Norwegian dates: a day starts and ends in Europe/Oslo, whatever the server's TZ.
export const OSLO = 'Europe/Oslo';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: OSLO, year: 'numeric', month: '2-digit', day: '2-digit' });

// Formatting is the dear part, and every request asks (each guardian link's 18th birthday, actor.repo.ts). Oslo's
// offset from UTC is whole hours, so the date is the same for every instant within one UTC minute: the last
// minute's answer is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** The calendar date in Oslo at this instant, as 'YYYY-MM-DD'. */
export function osloDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = dayFormat.format(instant);
    lastMinute = minute;
  }
  return lastDate;
}

/** Whole years of age on a given 'YYYY-MM-DD' date. Someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** Domain 5.1: guardians' automatic access ends on the student's 18th birthday (Oslo date). */
export function isAdultOn(birthDate: string | null, instant: Date): boolean {
  if (!birthDate) return false;
  return ageOn(birthDate, osloDate(instant)) >= 18;
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: OSLO, timeZoneName: 'longOffset' });

/** Minutes Oslo is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function osloOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant an Oslo calendar day begins. (Oslo's clock changes at 02:00/03:00, never at midnight.) */
export function osloMidnight(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - osloOffsetMinutes(utcMidnight) * 60_000);
}

/** The instant an Oslo wall-clock hour begins on a date, right on the days the clocks change too. */
export function osloTime(date: string, hour: number): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const first = new Date(guess.getTime() - osloOffsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - osloOffsetMinutes(first) * 60_000);
}
