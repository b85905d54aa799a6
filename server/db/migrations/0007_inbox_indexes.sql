-- The guardian inbox (GET /api/inbox, the page every app start loads) reads a person's newest announcements.
-- Ordered by announcements.sent_at, that meant every receipt row the person ever got, each joined to its
-- announcement, then a sort, to show 20: work that grows with years of history. With the sending time on the
-- receipt row itself, the page is one index range scan that stops after 20 rows (bench/RESULTS.md, inbox).
-- fanOut writes the receipt rows and announcements.sent_at in the same statement's transaction with the same
-- value, and neither changes afterwards, so the two cannot disagree.
ALTER TABLE announcement_recipients ADD COLUMN sent_at timestamptz;
UPDATE announcement_recipients r SET sent_at = a.sent_at FROM announcements a WHERE a.id = r.announcement_id;
ALTER TABLE announcement_recipients ALTER COLUMN sent_at SET NOT NULL;

-- The new index serves every lookup by person the old one did, so fan-out still maintains one index beside the
-- primary key (its cost per row is what the fan-out benchmark compares with the floor).
DROP INDEX announcement_recipients_person_idx;
CREATE INDEX announcement_recipients_person_sent_idx ON announcement_recipients (person_id, sent_at DESC);
