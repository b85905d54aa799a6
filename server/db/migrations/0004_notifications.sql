-- Notifications: a durable outbox in the database, one row per (recipient, topic, subject, channel), so each is
-- sent at most once, survives a crash, and is retried with backoff. Guardians choose per category.

CREATE TABLE notification_preferences (
  person_id uuid NOT NULL REFERENCES persons(id),
  category text NOT NULL CHECK (category IN ('information', 'positive', 'practical', 'urgent', 'message')),
  -- 'digest' is recorded now; the daily digest itself is not sent yet (see docs/NOTIFICATIONS.md).
  mode text NOT NULL CHECK (mode IN ('instant', 'digest', 'off')),
  CHECK (category <> 'urgent' OR mode <> 'off'),
  PRIMARY KEY (person_id, category)
);

CREATE TABLE notification_settings (
  person_id uuid PRIMARY KEY REFERENCES persons(id),
  -- Quiet hours in Oslo time: nothing but urgent between these hours.
  quiet_from smallint NOT NULL DEFAULT 21 CHECK (quiet_from BETWEEN 0 AND 23),
  quiet_until smallint NOT NULL DEFAULT 7 CHECK (quiet_until BETWEEN 0 AND 23)
);

-- Like announcement_recipients, filled set-based from rows that already carry their keys: no per-row key check.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  topic text NOT NULL CHECK (topic IN ('announcement', 'message')),
  subject_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  category text NOT NULL,
  confidential boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  sent_at timestamptz,
  outcome text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, topic, subject_id, channel)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox(due_at) WHERE status IN ('pending', 'sending');
CREATE INDEX notification_outbox_subject_idx ON notification_outbox(subject_id);
