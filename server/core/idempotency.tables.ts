// Kysely types of the idempotency keys (migrations/0016_idempotency_keys.sql), joined into DB in server/db/schema.ts.
// Only core/idempotency.repo.ts reads them.
import type { Timestamp } from '../db/schema';

// Type aliases, not interfaces: withTables<T>() wants a record type.
export type IdempotencyKeysTable = {
  user_id: string;
  key: string;
  method: string;
  path: string;
  body_sha256: string;
  lease_token: string;
  /** While the first request runs: until when it holds the key. NULL once its answer is stored. */
  locked_until: Timestamp | null;
  /** The first request's answer, once stored: 2xx or 4xx (a 5xx is not kept, so a retry runs again). */
  status: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: Timestamp;
};

export type IdempotencyTables = {
  idempotency_keys: IdempotencyKeysTable;
};
