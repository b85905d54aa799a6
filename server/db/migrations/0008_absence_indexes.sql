-- A school leader's task list of unexplained absence (GET /api/absence/follow-ups: the school's follow-ups of a
-- day) read every follow-up of the school year, since only (group_id, date) and (student_id, date) were indexed:
-- a sequential scan growing by ~450 rows a school day in a 100,000-student municipality (bench/absence.bench.ts).
CREATE INDEX absence_followups_school_idx ON absence_followups (school_id, date);
