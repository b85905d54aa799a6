-- Foundation: who is who in a school, how they are related, and who may log in.
-- Runs unchanged on PostgreSQL 15 (production, CI) and PGlite (PostgreSQL 18 inside).

CREATE TABLE school_owners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('kommune', 'fylkeskommune', 'private')),
  org_number text,
  -- Domain 1.4: until the family situation is confirmed, only the parent at the registered address gets access.
  residence_parent_only_until_confirmed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE schools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES school_owners(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('grunnskole', 'videregaende', 'combined')),
  org_number text,
  office_phone text,
  office_email text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schools_owner_idx ON schools(owner_id);

CREATE TABLE school_years (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools(id),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  CHECK (ends_on > starts_on),
  UNIQUE (school_id, name)
);

-- A group is a class (basisgruppe/klasse) or an AKS/SFO group.
CREATE TABLE groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools(id),
  school_year_id uuid NOT NULL REFERENCES school_years(id),
  kind text NOT NULL CHECK (kind IN ('class', 'aks')),
  name text NOT NULL,
  level text CHECK (level IN ('1','2','3','4','5','6','7','8','9','10','Vg1','Vg2','Vg3')),
  CHECK ((kind = 'class') = (level IS NOT NULL))
);
CREATE INDEX groups_school_idx ON groups(school_id);

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date,
  email text,
  phone text,
  street_address text,
  postal_code text,
  city text,
  -- Domain 9.7–9.10: Folkeregister grading of the address.
  address_protection text NOT NULL DEFAULT 'none' CHECK (address_protection IN ('none', 'fortrolig', 'strengt_fortrolig')),
  preferred_language text NOT NULL DEFAULT 'nb',
  interpreter_needed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE students (
  person_id uuid PRIMARY KEY REFERENCES persons(id),
  school_id uuid NOT NULL REFERENCES schools(id)
);
CREATE INDEX students_school_idx ON students(school_id);

CREATE TABLE enrolments (
  student_id uuid NOT NULL REFERENCES students(person_id),
  group_id uuid NOT NULL REFERENCES groups(id),
  PRIMARY KEY (student_id, group_id)
);
CREATE INDEX enrolments_group_idx ON enrolments(group_id);

-- Domain 1.1: parental responsibility comes from the Folkeregister, never from a shared address.
CREATE TABLE guardianships (
  guardian_id uuid NOT NULL REFERENCES persons(id),
  student_id uuid NOT NULL REFERENCES students(person_id),
  parental_responsibility boolean NOT NULL,
  lives_with boolean NOT NULL DEFAULT true,
  -- Domain 1.4: false until the school has confirmed the family situation.
  situation_confirmed boolean NOT NULL DEFAULT true,
  PRIMARY KEY (guardian_id, student_id)
);
CREATE INDEX guardianships_student_idx ON guardianships(student_id);

CREATE TABLE staff_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id),
  school_id uuid NOT NULL REFERENCES schools(id),
  role text NOT NULL CHECK (role IN ('rektor', 'avdelingsleder', 'kontaktlaerer', 'faglaerer', 'sosiallaerer',
    'miljoarbeider', 'helsesykepleier', 'aks_baseleder', 'kontor')),
  group_id uuid REFERENCES groups(id),
  -- Domain 9.8: strengt fortrolig details are visible only to staff designated for it.
  designated_for_protected boolean NOT NULL DEFAULT false,
  CHECK (role NOT IN ('kontaktlaerer', 'aks_baseleder') OR group_id IS NOT NULL)
);
CREATE UNIQUE INDEX staff_roles_unique_idx ON staff_roles(person_id, school_id, role, COALESCE(group_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX staff_roles_group_idx ON staff_roles(group_id);

CREATE TABLE owner_admins (
  person_id uuid NOT NULL REFERENCES persons(id),
  owner_id uuid NOT NULL REFERENCES school_owners(id),
  PRIMARY KEY (person_id, owner_id)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL UNIQUE REFERENCES persons(id),
  username text UNIQUE,
  password_hash text,
  locale text CHECK (locale IS NULL OR locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A login from Feide or ID-porten is linked to a user by the provider's subject identifier.
CREATE TABLE user_identities (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (provider, subject)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

-- Short-lived state of an OpenID Connect login between the redirect and the callback.
CREATE TABLE oidc_logins (
  state text PRIMARY KEY,
  provider text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Domain 9.2: reads of sensitive records are logged.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log(subject_type, subject_id);
