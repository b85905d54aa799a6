import { z } from 'zod';

export const ConversationTopic = z.enum(['academic', 'social', 'aks', 'practical', 'other']);
export type ConversationTopic = z.infer<typeof ConversationTopic>;
export const MessageTone = z.enum(['positive', 'neutral', 'concern']);
export const AnnouncementCategory = z.enum(['information', 'positive', 'practical', 'urgent']);
export type AnnouncementCategory = z.infer<typeof AnnouncementCategory>;

const Body = z.string().trim().min(1).max(10000);
const Subject = z.string().trim().min(1).max(200);

export const ParticipantView = z.object({
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  kind: z.enum(['guardian', 'staff', 'student']),
  /** The staff role that made them a reader, for "who will read this". */
  role: z.string().nullable(),
});

/** GET /api/conversations/recipients: who would read a new conversation, before it is sent. */
export const RoutingQuery = z.object({ studentId: z.uuid(), topic: ConversationTopic });
export const RoutingResponse = z.object({ staff: z.array(ParticipantView), guardians: z.array(ParticipantView) });

/** A guardian starts a conversation about one child. */
export const StartConversationRequest = z.object({
  studentId: z.uuid(),
  topic: ConversationTopic,
  subject: Subject,
  body: Body,
});

/** Staff write to one or several families: one conversation per student's family. */
export const WriteToFamiliesRequest = z.object({
  studentIds: z.array(z.uuid()).min(1).max(200),
  subject: Subject,
  body: Body,
  tone: MessageTone.default('neutral'),
  /** Sending anyway after being warned (names of other students, health words). */
  confirmWarnings: z.boolean().default(false),
});

export const ConversationCreated = z.object({ conversationIds: z.array(z.uuid()) });

export const PostMessageRequest = z.object({ body: Body, tone: MessageTone.default('neutral') });

export const ConversationSummary = z.object({
  id: z.uuid(),
  subject: z.string(),
  topic: ConversationTopic,
  student: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  unread: z.number().int(),
});

export const ConversationDetail = z.object({
  id: z.uuid(),
  subject: z.string(),
  topic: ConversationTopic,
  student: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }),
  participants: z.array(ParticipantView),
  messages: z.array(z.object({
    id: z.uuid(),
    sender: z.object({ personId: z.uuid(), givenName: z.string(), familyName: z.string() }),
    body: z.string(),
    tone: MessageTone,
    createdAt: z.string(),
    /** Participants other than the sender who have read this message. */
    readBy: z.array(z.uuid()),
  })),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const AddParticipantRequest = z.object({ personId: z.uuid() });
export const ConversationParams = z.object({ conversationId: z.uuid() });
export const ParticipantParams = z.object({ conversationId: z.uuid(), personId: z.uuid() });

export const Audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('groups'), groupIds: z.array(z.uuid()).min(1).max(100) }),
  z.object({ type: z.literal('levels'), schoolId: z.uuid(), levels: z.array(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'Vg1', 'Vg2', 'Vg3'])).min(1) }),
  z.object({ type: z.literal('school'), schoolId: z.uuid() }),
  z.object({ type: z.literal('owner'), ownerId: z.uuid() }),
  z.object({ type: z.literal('students'), studentIds: z.array(z.uuid()).min(1).max(1000) }),
]);
export type Audience = z.infer<typeof Audience>;

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const AttachmentUpload = z.object({
  filename: z.string().trim().min(1).max(200),
  contentType: z.enum(ATTACHMENT_TYPES),
  /** The file, base64-encoded; at most 5 MiB decoded. */
  dataBase64: z.string().min(1).max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4),
});

export const CreateAnnouncementRequest = z.object({
  title: Subject,
  body: z.string().trim().min(1).max(20000),
  category: AnnouncementCategory,
  audience: Audience,
  parentalResponsibilityOnly: z.boolean().default(true),
  includeStudents: z.boolean().default(false),
  requiresAck: z.boolean().default(false),
  /** ISO instant; omitted or in the past means now. */
  sendAt: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(AttachmentUpload).max(5).default([]),
  confirmWarnings: z.boolean().default(false),
});

export const AnnouncementCreated = z.object({ id: z.uuid(), recipientCount: z.number().int(), scheduled: z.boolean() });

export const AnnouncementView = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  category: AnnouncementCategory,
  author: z.object({ givenName: z.string(), familyName: z.string() }),
  sentAt: z.string().nullable(),
  requiresAck: z.boolean(),
  readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  attachments: z.array(z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
});

export const InboxResponse = z.object({
  conversations: z.array(ConversationSummary),
  announcements: z.array(AnnouncementView.omit({ body: true, attachments: true })),
});

export const AnnouncementParams = z.object({ announcementId: z.uuid() });
export const AttachmentParams = z.object({ announcementId: z.uuid(), attachmentId: z.uuid() });

export const ReceiptsResponse = z.object({
  total: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  recipients: z.array(z.object({
    personId: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    kind: z.enum(['guardian', 'student']),
    studentName: z.string().nullable(),
    readAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    preferredLanguage: z.string(),
  })),
});

/** Warnings raised before a message to many goes out; the sender may confirm and send anyway. */
export const ContentWarning = z.object({ kind: z.enum(['names_other_student', 'health_information']), detail: z.string() });
export type ContentWarning = z.infer<typeof ContentWarning>;

export const ReachResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  days: z.number().int(),
  notReached: z.array(z.object({
    student: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }),
    guardians: z.array(z.object({ personId: z.uuid(), givenName: z.string(), familyName: z.string(), preferredLanguage: z.string(), interpreterNeeded: z.boolean() })),
  })),
  /** Guardians no channel reaches: no login, no e-mail, no phone. Grouped by preferred language. */
  noChannel: z.array(z.object({
    language: z.string(),
    guardians: z.array(z.object({ personId: z.uuid(), givenName: z.string(), familyName: z.string(), studentName: z.string(), hasLogin: z.boolean(), hasEmail: z.boolean(), hasPhone: z.boolean() })),
  })),
});

export const PositiveContactResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  termStart: z.string(),
  students: z.array(z.object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    lastPositiveAt: z.string().nullable(),
    concernsThisTerm: z.number().int(),
    positivesThisTerm: z.number().int(),
  })),
  /** Families who have heard only about problems this term (seed 000: build the relation in "fredstid"). */
  onlyProblems: z.array(z.uuid()),
});
