-- Reminders: the sender of an announcement (or a leader who follows its receipts) notifies again everyone who has
-- not read it (not acknowledged it, where that was asked for). Each reminder is a notification of its own
-- (notification_outbox, topic 'announcement.reminder', subject the reminder), so each recipient gets it at most once
-- per channel; at most one reminder per announcement a day (reminders.service.ts).
CREATE TABLE announcement_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  announcement_id uuid NOT NULL REFERENCES announcements(id),
  sent_by uuid NOT NULL REFERENCES persons(id),
  sent_at timestamptz NOT NULL,
  -- How many it went to: a reminder that reaches nobody is refused, not stored.
  reminded_count integer NOT NULL CHECK (reminded_count > 0)
);
-- An announcement's reminders, newest first: the receipts list them, the 24-hour rule reads the newest.
CREATE INDEX announcement_reminders_announcement_idx ON announcement_reminders (announcement_id, sent_at DESC);

-- Whom each reminder went to, for the receipts ("reminded") and as the outbox's recipients. Written by the same
-- statement as the reminder, from announcement_recipients, so like that table it has no per-row foreign keys
-- (a key check per row tripled the time of a large fan-out: bench/RESULTS.md).
CREATE TABLE announcement_reminder_recipients (
  reminder_id uuid NOT NULL,
  announcement_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (reminder_id, person_id)
);
-- The receipts: when each recipient of an announcement was last reminded.
CREATE INDEX announcement_reminder_recipients_person_idx ON announcement_reminder_recipients (announcement_id, person_id);
