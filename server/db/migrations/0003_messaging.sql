-- Messaging: conversations between a family and the school, and announcements to an audience.

-- A conversation is about one student, between that student's guardians and staff (seed 001 routing).
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id uuid NOT NULL REFERENCES schools(id),
  student_id uuid NOT NULL REFERENCES students(person_id),
  topic text NOT NULL CHECK (topic IN ('academic', 'social', 'aks', 'practical', 'other')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  started_by uuid NOT NULL REFERENCES persons(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_student_idx ON conversations(student_id);

CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  kind text NOT NULL CHECK (kind IN ('guardian', 'staff', 'student')),
  added_by uuid REFERENCES persons(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  -- A participant taken out (e.g. a protection rule, 9.9) keeps no access from then on.
  removed_at timestamptz,
  last_read_at timestamptz,
  PRIMARY KEY (conversation_id, person_id)
);
CREATE INDEX conversation_participants_person_idx ON conversation_participants(person_id);

CREATE TABLE conversation_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  sender_id uuid NOT NULL REFERENCES persons(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  -- Seed 000: contact must not only be about problems; the tone lets the school see the balance.
  tone text NOT NULL DEFAULT 'neutral' CHECK (tone IN ('positive', 'neutral', 'concern')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_messages_conversation_idx ON conversation_messages(conversation_id, created_at);

CREATE TABLE announcements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES school_owners(id),
  school_id uuid REFERENCES schools(id),
  author_id uuid NOT NULL REFERENCES persons(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  category text NOT NULL CHECK (category IN ('information', 'positive', 'practical', 'urgent')),
  audience jsonb NOT NULL,
  parental_responsibility_only boolean NOT NULL DEFAULT true,
  include_students boolean NOT NULL DEFAULT false,
  requires_ack boolean NOT NULL DEFAULT false,
  send_at timestamptz NOT NULL,
  -- Set when the recipients were resolved (at send_at); until then the announcement is scheduled.
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX announcements_pending_idx ON announcements(send_at) WHERE sent_at IS NULL;

-- One row per recipient, written by one INSERT … SELECT per announcement: the receipts.
-- No foreign keys on the per-recipient columns: the rows are derived from guardianships (which have them) in
-- the same statement, persons are never deleted (archive duty), and a per-row key check tripled the time of a
-- 120,000-row fan-out on PostgreSQL (bench/RESULTS.md).
CREATE TABLE announcement_recipients (
  announcement_id uuid NOT NULL,
  person_id uuid NOT NULL,
  -- The student this recipient gets it for (NULL for a student recipient's own copy or owner-wide staff copies).
  student_id uuid,
  kind text NOT NULL CHECK (kind IN ('guardian', 'student')),
  read_at timestamptz,
  acknowledged_at timestamptz,
  PRIMARY KEY (announcement_id, person_id)
);
CREATE INDEX announcement_recipients_person_idx ON announcement_recipients(person_id);

CREATE TABLE announcement_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  announcement_id uuid NOT NULL REFERENCES announcements(id),
  filename text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  content bytea NOT NULL
);
CREATE INDEX announcement_attachments_announcement_idx ON announcement_attachments(announcement_id);

-- Which guardians have access to which students on a date: parental responsibility (1.2), the owner's
-- residence rule (1.4) and the 18th birthday (5.1). Fan-out and conversation routing use it in SQL;
-- access/actor.repo.ts applies the same rule for one actor (a test keeps the two in agreement).
CREATE FUNCTION guardian_access(on_date date)
RETURNS TABLE (guardian_id uuid, student_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT g.guardian_id, g.student_id
  FROM guardianships g
  JOIN students s ON s.person_id = g.student_id
  JOIN persons p ON p.id = g.student_id
  JOIN schools sc ON sc.id = s.school_id
  JOIN school_owners o ON o.id = sc.owner_id
  WHERE g.parental_responsibility
    AND (NOT o.residence_parent_only_until_confirmed OR g.situation_confirmed OR g.lives_with)
    AND (p.birth_date IS NULL OR p.birth_date > on_date - interval '18 years')
$$;
