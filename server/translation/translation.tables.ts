// Kysely types of the translation cache (migrations/0017_translations.sql), joined into DB in server/db/schema.ts.
// Only translation.repo.ts reads it.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

// Type aliases, not interfaces: withTables<T>() wants a record type.
export type TranslationsTable = {
  id: Generated<string>;
  announcement_id: string | null;
  message_id: string | null;
  /** SHA-256 (hex) of what was sent: a changed text is another key, never served an old translation. */
  source_sha256: string;
  source_language: string;
  language: string;
  /** An announcement's title; null for a message. */
  title: string | null;
  body: string;
  provider: string;
  created_at: Timestamp;
};

export type TranslationTables = {
  translations: TranslationsTable;
};
