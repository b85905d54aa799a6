-- Idempotency keys (server/core/idempotency.ts, after the IETF draft "The Idempotency-Key HTTP Header Field"): a
-- state-changing request a logged-in user sends again with the same key gets the first one's answer, not a second
-- message or report. A row is the key's first request: while it runs, `status` is NULL and `locked_until` its lease;
-- when it has answered, its status and body. Keys are per user and live 24 hours from `created_at`.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[!-~]{1,100}$'),
  method text NOT NULL,
  path text NOT NULL,
  -- SHA-256 of the request body (hex): the same key with another body is refused, not replayed.
  body_sha256 text NOT NULL,
  -- Who holds the key now: a repeat that takes over an expired lease writes a new token, and the late first request,
  -- should it still answer, records nothing.
  lease_token uuid NOT NULL,
  locked_until timestamptz,
  status smallint CHECK (status BETWEEN 200 AND 499),
  content_type text,
  response_body text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key),
  CHECK ((status IS NULL) = (locked_until IS NOT NULL))
);

-- The clean-up of keys older than 24 hours reads from the oldest.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
