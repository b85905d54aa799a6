// Kysely types of the Web Push tables (migrations/0005_jobs_and_push.sql), part of NotificationTables.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

export interface PushTables {
  push_subscriptions: {
    id: Generated<string>;
    person_id: string;
    endpoint: string;
    p256dh: string;
    auth: string;
    created_at: Timestamp;
    last_sent_at: Timestamp | null;
  };
  vapid_keys: { singleton: Generated<boolean>; public_key: string; private_key: string; created_at: Timestamp };
}
