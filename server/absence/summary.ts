// Pure counting of one student's absence from the facts: day and lesson marks, guardians' reports, approved leave.
// A day register decides a whole day when there is one (the teacher saw the child, or not); without one, a
// whole-day report or approved leave on a school day counts. Leave is documented absence (3.11) and never counts
// towards "worrying absence".
import type { AbsenceSummary } from '@shared/contracts/absence';
import { addDays, minutesOfDay, schoolDaysBetween } from '@shared/oslo-time';
import { SCHOOL_DAY } from './defaults';

export interface StudentFacts {
  marks: { date: string; period: number; status: 'present' | 'absent'; subject: string | null }[];
  reports: { from_date: string; to_date: string; from_time: string | null; until_time: string | null }[];
  leave: { from_date: string; to_date: string }[];
  /** Documentation the school accepted (3.11); only the per-subject count reads it. */
  documentation?: { from_date: string; to_date: string; category: 'health' | 'rights' | 'other' }[];
}

export type DayKind = 'leave' | 'reported' | 'unreported';

const covers = (span: { from_date: string; to_date: string }, date: string) => span.from_date <= date && date <= span.to_date;
const isWholeDay = (r: StudentFacts['reports'][number]) => r.from_time === null && r.until_time === null;

/** The whole days a student was absent in a span of school days, and what explains each. */
export function absentDays(facts: StudentFacts, from: string, to: string): Map<string, DayKind> {
  const dayMarks = new Map(facts.marks.filter((m) => m.period === 0).map((m) => [m.date, m.status]));
  const days = new Map<string, DayKind>();
  for (const date of schoolDaysBetween(from, to)) {
    const onLeave = facts.leave.some((l) => covers(l, date));
    const reports = facts.reports.filter((r) => covers(r, date));
    const mark = dayMarks.get(date);
    const absent = mark ? mark === 'absent' : onLeave || reports.some(isWholeDay);
    if (!absent) continue;
    days.set(date, onLeave ? 'leave' : reports.length > 0 ? 'reported' : 'unreported');
  }
  return days;
}

/** Hours of part-day reports: a missing end is the school day's start or end. */
function reportedHours(facts: StudentFacts, from: string, to: string): number {
  let minutes = 0;
  for (const r of facts.reports) {
    if (isWholeDay(r) || r.from_date < from || r.from_date > to) continue;
    minutes += Math.max(0, minutesOfDay(r.until_time ?? SCHOOL_DAY.ends) - minutesOfDay(r.from_time ?? SCHOOL_DAY.starts));
  }
  return Math.round((minutes / 60) * 10) / 10;
}

export function summarise(facts: StudentFacts, from: string, to: string): AbsenceSummary {
  const days = [...absentDays(facts, from, to).values()];
  const count = (k: DayKind) => days.filter((d) => d === k).length;
  return {
    schoolDays: schoolDaysBetween(from, to).length,
    absentDays: days.length,
    reportedDays: count('reported'),
    unreportedDays: count('unreported'),
    leaveDays: count('leave'),
    reportedHours: reportedHours(facts, from, to),
    absentLessons: facts.marks.filter((m) => m.period > 0 && m.status === 'absent' && m.date >= from && m.date <= to).length,
  };
}

export interface WorryingRule { percent: number; percentWeeks: number; days: number; daysWeeks: number }

/** Rule 3.4 as the owner set it, over the weeks up to `to` (not before the school year began). */
export function worrying(facts: StudentFacts, to: string, yearStart: string, rule: WorryingRule) {
  const windowFrom = (weeks: number) => { const d = addDays(to, -7 * weeks + 1); return d < yearStart ? yearStart : d; };
  const notLeave = (from: string) => [...absentDays(facts, from, to).values()].filter((k) => k !== 'leave').length;
  const pFrom = windowFrom(rule.percentWeeks);
  const schoolDays = schoolDaysBetween(pFrom, to).length;
  const percent = schoolDays === 0 ? 0 : Math.round((notLeave(pFrom) / schoolDays) * 1000) / 10;
  const days = notLeave(windowFrom(rule.daysWeeks));
  const because: ('percent' | 'days')[] = [];
  if (schoolDays > 0 && percent >= rule.percent) because.push('percent');
  if (days >= rule.days) because.push('days');
  return { window: { percent, days }, worrying: because.length > 0, worryingBecause: because };
}

/**
 * Videregående (3.10–3.11): lessons per subject, documented absence (approved leave, or documentation the school
 * accepted) apart from undocumented. Absence for a right under the Act (rådgivning, PPT, elevråd) is not
 * absence towards the limit: it is counted apart as `exempt`.
 */
export function perSubject(facts: StudentFacts, from: string, to: string, limitPercent: number) {
  const subjects = new Map<string, { lessons: number; documented: number; undocumented: number; exempt: number }>();
  const documentedBy = (date: string) => (facts.documentation ?? []).filter((d) => covers(d, date)).map((d) => d.category);
  for (const m of facts.marks) {
    if (m.period === 0 || !m.subject || m.date < from || m.date > to) continue;
    const s = subjects.get(m.subject) ?? { lessons: 0, documented: 0, undocumented: 0, exempt: 0 };
    s.lessons++;
    if (m.status === 'absent') {
      const categories = documentedBy(m.date);
      if (categories.includes('rights')) s.exempt++;
      else if (categories.length > 0 || facts.leave.some((l) => covers(l, m.date))) s.documented++;
      else s.undocumented++;
    }
    subjects.set(m.subject, s);
  }
  return [...subjects].sort(([a], [b]) => a.localeCompare(b)).map(([subject, s]) => {
    const undocumentedPercent = Math.round((s.undocumented / s.lessons) * 1000) / 10;
    return { subject, ...s, undocumentedPercent, overLimit: undocumentedPercent > limitPercent };
  });
}
