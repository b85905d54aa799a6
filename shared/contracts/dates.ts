// Calendar dates and wall-clock times as the contracts take them: Oslo calendar dates 'YYYY-MM-DD' that exist
// (2026-02-30 is refused here with a field-named 400, not by the database as a 500), times 'HH:MM'.
import { z } from 'zod';
import { DATE_PATTERN, TIME_PATTERN, isCalendarDate } from '../oslo-time';

export const IsoDate = z.string().regex(DATE_PATTERN, 'YYYY-MM-DD')
  .refine(isCalendarDate, { message: 'not a calendar date', params: { code: 'not_a_date' } });
export const WallTime = z.string().regex(TIME_PATTERN, 'HH:MM');
