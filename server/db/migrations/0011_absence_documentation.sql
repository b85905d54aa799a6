-- Documentation the school has accepted for a student's absence (domain 3.11), for videregående's per-subject
-- limit: a category, never a diagnosis. 'health' (a statement from health personnel) and 'other' (other
-- relevant documentation) make absence documented; 'rights' (rådgivning, a PPT assessment, approved
-- elevråd work: rights under the Act) takes the lessons out of the absence count altogether.
CREATE TABLE absence_documentation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  student_id uuid NOT NULL REFERENCES persons(id),
  school_id uuid NOT NULL REFERENCES schools(id),
  from_date date NOT NULL,
  to_date date NOT NULL,
  category text NOT NULL CHECK (category IN ('health', 'rights', 'other')),
  accepted_by uuid NOT NULL REFERENCES persons(id),
  accepted_at timestamptz NOT NULL,
  withdrawn_by uuid REFERENCES persons(id),
  withdrawn_at timestamptz,
  CHECK (to_date >= from_date)
);
CREATE INDEX absence_documentation_student_idx ON absence_documentation (student_id, from_date);

ALTER TABLE absence_history DROP CONSTRAINT absence_history_record_type_check;
ALTER TABLE absence_history ADD CONSTRAINT absence_history_record_type_check
  CHECK (record_type IN ('report', 'attendance', 'leave', 'followup', 'documentation'));
