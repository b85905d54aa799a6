// Kysely types of the notification tables (migrations/0004_notifications.sql, 0009). Joined into DB in server/db/schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';
import type { PushTables } from './push.tables';

/** 'announcement' and 'message' are built in; other modules register theirs (topics.service.ts). */
export type NotificationTopic = string;
export type NotificationChannel = 'email' | 'sms' | 'push';
export type NotificationCategory = 'information' | 'positive' | 'practical' | 'urgent' | 'message';

export interface NotificationTables extends PushTables {
  notification_preferences: { person_id: string; category: NotificationCategory; mode: 'instant' | 'digest' | 'off' };
  notification_settings: { person_id: string; quiet_from: Generated<number>; quiet_until: Generated<number> };
  notification_outbox: {
    id: Generated<string>;
    person_id: string;
    topic: NotificationTopic;
    subject_id: string;
    channel: NotificationChannel;
    category: NotificationCategory;
    confidential: Generated<boolean>;
    status: Generated<'pending' | 'sending' | 'sent' | 'skipped' | 'failed'>;
    due_at: Date;
    attempts: Generated<number>;
    locked_until: Date | null;
    sent_at: Date | null;
    outcome: string | null;
    created_at: Timestamp;
  };
  /** Addresses a mail server refused for good (migrations/0009): bounced while persons.email is still `address`. */
  email_bounces: { person_id: string; address: string; bounced_at: Date; response: string };
}
