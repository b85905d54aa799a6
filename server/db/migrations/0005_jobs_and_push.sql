-- The durable job queue (server/jobs, docs/JOBS.md) and Web Push (server/notifications, docs/NOTIFICATIONS.md).

-- One row per piece of background work. A worker claims due rows with FOR UPDATE SKIP LOCKED and a lease
-- (locked_until); a row whose lease ran out (its worker died) is claimed again. `attempts` counts claims and
-- doubles as a fencing token: a worker may only finish the attempt it claimed.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- A job with a key exists at most once, ever (e.g. 'absence-alert:<school>:2026-11-23'): enqueueing it again is a no-op.
  unique_key text UNIQUE,
  run_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('pending', 'running');

-- Topics are registered by the modules that notify (server/notifications/topics.ts), not a closed list here.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_topic_check;

-- A browser (or installed PWA) that asked to be told of news; its endpoint belongs to one person at a time.
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sent_at timestamptz
);
CREATE INDEX push_subscriptions_person_idx ON push_subscriptions (person_id);

-- The server's VAPID key pair when none is configured: made once, by whichever process gets there first.
CREATE TABLE vapid_keys (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  public_key text NOT NULL,
  private_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
