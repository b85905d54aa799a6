-- A scheduled announcement can be changed before it goes out (PUT /api/announcements/:id): its text, type, time and
-- audience. Who changed it last, and when, is kept beside it; the first version is not (an announcement that has not
-- gone out has told nobody anything). Both or neither, as for a cancel (0013).
ALTER TABLE announcements ADD COLUMN edited_at timestamptz;
ALTER TABLE announcements ADD COLUMN edited_by uuid REFERENCES persons(id);
ALTER TABLE announcements ADD CONSTRAINT announcements_edited_by_check CHECK ((edited_at IS NULL) = (edited_by IS NULL));
