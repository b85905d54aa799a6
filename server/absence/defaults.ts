// What applies where the school owner or the school has set nothing.
import type { OwnerRulesRow } from './settings.repo';

/**
 * The typical values of domain 3.4 and 3.7: 10 days of leave a school year, the contact teacher decides 1 day;
 * worrying absence at 10 % over 8 weeks or 10 days within 15 weeks; the videregående limit of 10 % (3.10).
 */
export const DEFAULT_RULES: OwnerRulesRow = {
  leave_max_days_per_year: 10,
  contact_teacher_max_leave_days: 1,
  worrying_percent: 10,
  worrying_percent_weeks: 8,
  worrying_days: 10,
  worrying_days_weeks: 15,
  subject_limit_percent: 10,
};

/** The morning check of unexplained absence, Oslo time. */
export const DEFAULT_CHECK_TIME = '09:00';

/** The school day a part-day report is measured against when it gives only one end (not configurable yet). */
export const SCHOOL_DAY = { starts: '08:30', ends: '14:30' };
