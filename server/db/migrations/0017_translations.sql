-- Machine translations (server/translation/, docs/MESSAGING.md): an announcement or a conversation message in a
-- reader's language, made by the school owner's translation service on a reader's request and kept, so that each
-- text is sent to the service once per language. A row is the translation of the text as it was then:
-- `source_sha256` is the SHA-256 (hex) of what was sent, so a scheduled announcement changed before it goes out
-- (0015) is translated anew instead of being shown in its old words. A row goes with its announcement or message.
CREATE TABLE translations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  announcement_id uuid REFERENCES announcements(id) ON DELETE CASCADE,
  message_id uuid REFERENCES conversation_messages(id) ON DELETE CASCADE,
  source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  -- Norwegian for what staff wrote, as the service detected it for what a guardian wrote.
  source_language text NOT NULL,
  language text NOT NULL,
  -- An announcement's title; NULL for a message.
  title text,
  body text NOT NULL,
  -- Which service made it ('libretranslate').
  provider text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (num_nonnulls(announcement_id, message_id) = 1),
  CHECK (message_id IS NULL OR title IS NULL)
);

-- One translation of one text into one language; the lookup reads exactly this key.
CREATE UNIQUE INDEX translations_announcement_key ON translations (announcement_id, language, source_sha256) WHERE announcement_id IS NOT NULL;
CREATE UNIQUE INDEX translations_message_key ON translations (message_id, language, source_sha256) WHERE message_id IS NOT NULL;
