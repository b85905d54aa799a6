-- A scheduled announcement can be cancelled before it goes out. It is kept (archive duty), marked cancelled: by whom
-- and when. A cancelled announcement is never sent: the worker's queries leave it out, and the database itself
-- refuses a row that is both cancelled and sent, so a fan-out that raced a cancel fails instead of sending.
ALTER TABLE announcements ADD COLUMN cancelled_at timestamptz;
ALTER TABLE announcements ADD COLUMN cancelled_by uuid REFERENCES persons(id);
ALTER TABLE announcements ADD CONSTRAINT announcements_cancelled_by_check CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL));
ALTER TABLE announcements ADD CONSTRAINT announcements_cancelled_unsent_check CHECK (cancelled_at IS NULL OR sent_at IS NULL);

-- What the worker looks for: scheduled, not sent and not cancelled.
DROP INDEX announcements_pending_idx;
CREATE INDEX announcements_pending_idx ON announcements (send_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;

-- GET /api/announcements/sent, newest first: what a person wrote, what went out at a school (for its leaders) and
-- for an owner (for its administrators). Each is one range of its index, read from the newest and stopped after a
-- page, however many years of announcements there are.
CREATE INDEX announcements_author_sent_idx ON announcements (author_id, send_at DESC, id DESC);
CREATE INDEX announcements_school_sent_idx ON announcements (school_id, send_at DESC, id DESC) WHERE school_id IS NOT NULL;
CREATE INDEX announcements_owner_sent_idx ON announcements (owner_id, send_at DESC, id DESC);
