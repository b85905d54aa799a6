-- Absence and leave (docs/ABSENCE.md, domain 3). Dates are Oslo calendar dates; times are Oslo wall-clock 'HH:MM'.

-- The school owner's rules (3.4, 3.6–3.7, 3.10). No row means the defaults in server/absence/rules.ts.
CREATE TABLE absence_rules (
  owner_id uuid PRIMARY KEY REFERENCES school_owners(id),
  leave_max_days_per_year smallint NOT NULL CHECK (leave_max_days_per_year BETWEEN 0 AND 190),
  -- A contact teacher decides ordinary leave up to this many school days; longer leave goes to the rektor.
  contact_teacher_max_leave_days smallint NOT NULL CHECK (contact_teacher_max_leave_days BETWEEN 0 AND 190),
  -- "Worrying absence" (3.4 has no legal definition): at least this percent of school days over so many weeks …
  worrying_percent smallint NOT NULL CHECK (worrying_percent BETWEEN 1 AND 100),
  worrying_percent_weeks smallint NOT NULL CHECK (worrying_percent_weeks BETWEEN 1 AND 52),
  -- … or at least so many days within so many weeks.
  worrying_days smallint NOT NULL CHECK (worrying_days BETWEEN 1 AND 190),
  worrying_days_weeks smallint NOT NULL CHECK (worrying_days_weeks BETWEEN 1 AND 52),
  -- Videregående: undocumented absence above this percent in a subject puts the grade at risk (3.10).
  subject_limit_percent smallint NOT NULL CHECK (subject_limit_percent BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES persons(id)
);

-- Periods without ordinary leave (national tests, exams), for all the owner's schools or one of them.
CREATE TABLE leave_blackouts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES school_owners(id),
  school_id uuid REFERENCES schools(id),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 100)
);
CREATE INDEX leave_blackouts_owner_idx ON leave_blackouts (owner_id, starts_on);

-- Each school's time for the morning check of unexplained absence (3.2).
CREATE TABLE absence_school_settings (
  school_id uuid PRIMARY KEY REFERENCES schools(id),
  check_time text NOT NULL CHECK (check_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES persons(id)
);

-- A guardian's report: one row per child, for school and AKS/SFO alike. The reason is a category or nothing,
-- never free text: a health reason is special-category data (3.1).
CREATE TABLE absence_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  student_id uuid NOT NULL REFERENCES persons(id),
  school_id uuid NOT NULL REFERENCES schools(id),
  reported_by uuid NOT NULL REFERENCES persons(id),
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date >= from_date),
  -- Part of one day: absent from (leaves at) and/or until (comes at) a time.
  from_time text CHECK (from_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  until_time text CHECK (until_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  reason text CHECK (reason IN ('ill', 'other')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES persons(id),
  CHECK ((from_time IS NULL AND until_time IS NULL) OR from_date = to_date),
  CHECK (from_time IS NULL OR until_time IS NULL OR until_time > from_time)
);
CREATE INDEX absence_reports_student_idx ON absence_reports (student_id, from_date);
CREATE INDEX absence_reports_school_idx ON absence_reports (school_id, to_date) WHERE status = 'active';

-- A teacher's register of a group for a day (period 0) or one lesson (period 1…). In videregående a lesson
-- names its subject, for the per-subject percentages of 3.10–3.11.
CREATE TABLE attendance_registers (
  group_id uuid NOT NULL REFERENCES groups(id),
  date date NOT NULL,
  period smallint NOT NULL CHECK (period BETWEEN 0 AND 12),
  subject text CHECK (char_length(subject) BETWEEN 1 AND 60),
  registered_by uuid NOT NULL REFERENCES persons(id),
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, date, period)
);

-- Every enrolled student's state in a register: present unless marked absent.
CREATE TABLE attendance_marks (
  group_id uuid NOT NULL,
  date date NOT NULL,
  period smallint NOT NULL,
  student_id uuid NOT NULL REFERENCES persons(id),
  status text NOT NULL CHECK (status IN ('present', 'absent')),
  PRIMARY KEY (group_id, date, period, student_id),
  FOREIGN KEY (group_id, date, period) REFERENCES attendance_registers (group_id, date, period)
);
CREATE INDEX attendance_marks_student_idx ON attendance_marks (student_id, date);
CREATE INDEX attendance_marks_absent_idx ON attendance_marks (date) WHERE status = 'absent';

-- Leave (permisjon, OL23 § 2-2). Religious-holiday leave is a right (3.8): it cannot be refused.
CREATE TABLE leave_applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  student_id uuid NOT NULL REFERENCES persons(id),
  school_id uuid NOT NULL REFERENCES schools(id),
  applied_by uuid NOT NULL REFERENCES persons(id),
  kind text NOT NULL CHECK (kind IN ('ordinary', 'religious_holiday')),
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date >= from_date),
  school_days smallint NOT NULL,
  reason text CHECK (char_length(reason) <= 500),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX leave_applications_student_idx ON leave_applications (student_id, from_date);
CREATE INDEX leave_applications_school_idx ON leave_applications (school_id, status);

-- The decision is an enkeltvedtak (3.9): reasons, the student's best interests and views, and the appeal route.
CREATE TABLE leave_decisions (
  application_id uuid PRIMARY KEY REFERENCES leave_applications(id),
  outcome text NOT NULL CHECK (outcome IN ('approved', 'refused')),
  decided_by uuid NOT NULL REFERENCES persons(id),
  decider_role text NOT NULL,
  decided_at timestamptz NOT NULL,
  reasons text NOT NULL CHECK (char_length(reasons) BETWEEN 1 AND 4000),
  best_interests text NOT NULL CHECK (char_length(best_interests) BETWEEN 1 AND 4000),
  student_views text NOT NULL CHECK (char_length(student_views) BETWEEN 1 AND 4000),
  appeal_deadline date NOT NULL,
  appeal_to text NOT NULL DEFAULT 'statsforvalteren'
);

-- The contact teacher's task list of families not yet heard from: one row per student and day, which is also
-- what makes the morning alert go out once, however many workers run the check.
CREATE TABLE absence_followups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools(id),
  group_id uuid NOT NULL REFERENCES groups(id),
  student_id uuid NOT NULL REFERENCES persons(id),
  date date NOT NULL,
  created_at timestamptz NOT NULL,
  guardians_alerted smallint NOT NULL DEFAULT 0,
  resolved_at timestamptz,
  resolved_by uuid REFERENCES persons(id),
  resolution text CHECK (resolution IN ('reached_family', 'reported_later', 'registration_error')),
  UNIQUE (student_id, date)
);
CREATE INDEX absence_followups_group_idx ON absence_followups (group_id, date);

-- Every change to an absence record: who, when, what (3.5: the kommune may ask for fines on its basis).
-- Written in the same transaction as the change; never updated or deleted.
CREATE TABLE absence_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES persons(id),
  student_id uuid NOT NULL REFERENCES persons(id),
  record_type text NOT NULL CHECK (record_type IN ('report', 'attendance', 'leave', 'followup')),
  record_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX absence_history_student_idx ON absence_history (student_id, at);

CREATE FUNCTION absence_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'absence_history is append-only';
END
$$;
CREATE TRIGGER absence_history_append_only BEFORE UPDATE OR DELETE ON absence_history
  FOR EACH ROW EXECUTE FUNCTION absence_history_is_append_only();
