-- Domain 9.3–9.6: the class list shared among guardians is opt-in, empty by default,
-- and each guardian chooses which of their own details to show.
CREATE TABLE class_list_sharing (
  guardian_id uuid NOT NULL REFERENCES persons(id),
  student_id uuid NOT NULL REFERENCES students(person_id),
  -- A subset of name, phone, email, address; name is required for any other field.
  fields text[] NOT NULL DEFAULT '{}' CHECK (fields <@ ARRAY['name', 'phone', 'email', 'address']::text[]),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (guardian_id, student_id)
);
CREATE INDEX class_list_sharing_student_idx ON class_list_sharing(student_id);
