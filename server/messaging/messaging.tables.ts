// Kysely types of the messaging tables (migrations/0003_messaging.sql). Joined into DB in server/db/schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

export type ConversationTopic = 'academic' | 'social' | 'aks' | 'practical' | 'other';
export type MessageTone = 'positive' | 'neutral' | 'concern';
export type AnnouncementCategory = 'information' | 'positive' | 'practical' | 'urgent';

export interface MessagingTables {
  conversations: {
    id: Generated<string>;
    school_id: string;
    student_id: string;
    topic: ConversationTopic;
    subject: string;
    started_by: string;
    created_at: Timestamp;
    last_message_at: Timestamp;
  };
  conversation_participants: {
    conversation_id: string;
    person_id: string;
    kind: 'guardian' | 'staff' | 'student';
    added_by: string | null;
    added_at: Timestamp;
    removed_at: Date | null;
    last_read_at: Date | null;
    /**
     * The conversation's, set on every participant's row by a trigger with each new message (null until the first
     * after they were added), so a new message reaches each participant's inbox stamp (0018). Not read by the pages.
     */
    last_message_at: Generated<Date | null>;
  };
  conversation_messages: {
    id: Generated<string>;
    conversation_id: string;
    sender_id: string;
    body: string;
    tone: Generated<MessageTone>;
    created_at: Timestamp;
  };
  announcements: {
    id: Generated<string>;
    owner_id: string;
    school_id: string | null;
    author_id: string;
    title: string;
    body: string;
    category: AnnouncementCategory;
    audience: unknown;
    parental_responsibility_only: Generated<boolean>;
    include_students: Generated<boolean>;
    requires_ack: Generated<boolean>;
    /** Nothing of the title or text in e-mail, push or SMS (0009). */
    confidential: Generated<boolean>;
    send_at: Date;
    sent_at: Date | null;
    created_at: Timestamp;
    /** A scheduled announcement cancelled before it went out: kept, never sent (0013). */
    cancelled_at: Date | null;
    cancelled_by: string | null;
    /** Who last changed it while it was scheduled, and when (0015). */
    edited_at: Date | null;
    edited_by: string | null;
  };
  announcement_recipients: {
    announcement_id: string;
    person_id: string;
    student_id: string | null;
    kind: 'guardian' | 'student';
    /** The announcement's sent_at, copied by fanOut so a person's newest are one index range (0007). */
    sent_at: Date;
    read_at: Date | null;
    acknowledged_at: Date | null;
  };
  announcement_attachments: {
    id: Generated<string>;
    announcement_id: string;
    filename: string;
    content_type: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';
    size_bytes: number;
    content: Buffer;
  };
  /** A reminder to those who had not read (acknowledged) an announcement (0014). */
  announcement_reminders: {
    id: Generated<string>;
    announcement_id: string;
    sent_by: string;
    sent_at: Date;
    reminded_count: number;
  };
  /** Whom a reminder went to: the outbox's recipients, and "reminded" in the receipts (0014). */
  announcement_reminder_recipients: {
    reminder_id: string;
    announcement_id: string;
    person_id: string;
  };
}
