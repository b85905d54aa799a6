-- The guardian inbox is kept per person as it was sent (server/messaging/inbox.service.ts) and sent again while
-- nothing it was built from has changed. Whether anything has is read on every request, in one statement, as a
-- stamp (inbox.repo.ts): the row versions (xmin) of the person's conversation_participants rows, of the newest
-- page of their announcement rows, and the epoch below. Every write to one of those rows gives it a new xmin, so
-- the stamp needs no bookkeeping in the writes that matter most (a fan-out writes no more than before). Writes
-- that change what the page shows through other rows are rare, and they move the epoch instead: every kept inbox
-- is rebuilt once.
CREATE TABLE inbox_epoch (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch bigint NOT NULL
);
INSERT INTO inbox_epoch (only_row, epoch) VALUES (true, 0);

CREATE FUNCTION inbox_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE inbox_epoch SET epoch = epoch + 1;
  RETURN NULL;
END
$$;

-- A new message moves its conversation's last_message_at (insertMessages); each participant's row follows, so
-- the message reaches every participant's stamp. The rows of that conversation are the ones the conversation's
-- own row already locks for the message, so no new order of locks arises.
ALTER TABLE conversation_participants ADD COLUMN last_message_at timestamptz;
UPDATE conversation_participants cp SET last_message_at = c.last_message_at FROM conversations c WHERE c.id = cp.conversation_id;
CREATE FUNCTION conversation_participants_follow_last_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversation_participants SET last_message_at = NEW.last_message_at WHERE conversation_id = NEW.id;
  RETURN NULL;
END
$$;
-- Every such update, even to the same time (two messages in the same instant are still two).
CREATE TRIGGER conversations_last_message_to_participants AFTER UPDATE OF last_message_at ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversation_participants_follow_last_message();

-- What a list shows of a conversation besides its messages.
CREATE TRIGGER conversations_change_move_inbox_epoch AFTER UPDATE OF subject, topic, student_id ON conversations
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_epoch_bump();
-- Names: a student's on a conversation, an author's on an announcement.
CREATE TRIGGER persons_names_move_inbox_epoch AFTER UPDATE OF given_name, family_name OR DELETE ON persons
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_epoch_bump();
-- A message changed or taken away after it was written (a new one moves the participants' rows, above).
CREATE TRIGGER conversation_messages_change_move_inbox_epoch AFTER UPDATE OR DELETE ON conversation_messages
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_epoch_bump();
-- What a list shows of an announcement that has gone out (until then no one has it in an inbox).
CREATE TRIGGER announcements_sent_change_move_inbox_epoch
  AFTER UPDATE OF title, category, requires_ack, author_id, school_id, owner_id, parental_responsibility_only, sent_at ON announcements
  FOR EACH ROW WHEN (OLD.sent_at IS NOT NULL) EXECUTE FUNCTION inbox_epoch_bump();
