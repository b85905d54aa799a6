import { z } from 'zod';
import { StaffRole } from './people';

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

/** Warnings raised before a message to many goes out; the sender may confirm and send anyway. */
export const ContentWarning = z.object({ kind: z.enum(['names_other_student', 'health_information']), detail: z.string() });
export type ContentWarning = z.infer<typeof ContentWarning>;

/**
 * Sending anyway after being warned (names of other students, health words): the warnings the sender was shown,
 * so a text changed afterwards is checked again; `true` confirms whatever the text holds.
 */
const ConfirmWarnings = z.union([z.boolean(), z.array(ContentWarning).max(10)]).default(false);

/** Staff write to one or several families: one conversation per student's family. */
export const WriteToFamiliesRequest = z.object({
  studentIds: z.array(z.uuid()).min(1).max(200),
  subject: Subject,
  body: Body,
  tone: MessageTone.default('neutral'),
  confirmWarnings: ConfirmWarnings,
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

/** How a notification about a message went, per channel, from the notification outbox. */
export const DeliveryState = z.enum(['queued', 'waiting', 'quiet_hours', 'digest', 'retrying', 'sending', 'sent', 'not_needed', 'turned_off', 'not_sent', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const MessageReceipt = z.object({
  personId: z.uuid(),
  read: z.boolean(),
  /**
   * How Tillit told them, one entry per channel tried (empty: only in the app). Shown to staff only, and null
   * where the reader may not learn how a person is reached (a strengt fortrolig guardian: 9.8).
   */
  notified: z.array(z.object({ channel: z.enum(['push', 'email', 'sms']), state: DeliveryState })).nullable(),
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
    /** For staff and for the sender: every other participant, read or not; null for other readers. */
    receipts: z.array(MessageReceipt).nullable(),
  })),
  /** What the reader may do here: staff set a message's tone and decide who is in the conversation. */
  may: z.object({ setTone: z.boolean(), manageParticipants: z.boolean() }),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** GET /api/conversations/:id/candidates: whom staff in the conversation may bring in. */
export const ParticipantCandidates = z.object({
  /** Colleagues at the student's school (not the school nurse: 1.6), with the roles that say who they are. */
  staff: z.array(z.object({
    personId: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    roles: z.array(z.object({ role: StaffRole, groupName: z.string().nullable() })),
  })),
  /** Guardians with access to the student who are not in it and may be (9.9: never beside a protected parent). */
  guardians: z.array(ParticipantView),
});
export type ParticipantCandidates = z.infer<typeof ParticipantCandidates>;

export const AddParticipantRequest = z.object({ personId: z.uuid() });
export const ConversationParams = z.object({ conversationId: z.uuid() });
export const ParticipantParams = z.object({ conversationId: z.uuid(), personId: z.uuid() });

export const SchoolLevel = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'Vg1', 'Vg2', 'Vg3']);
export type SchoolLevel = z.infer<typeof SchoolLevel>;

export const Audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('groups'), groupIds: z.array(z.uuid()).min(1).max(100) }),
  z.object({ type: z.literal('levels'), schoolId: z.uuid(), levels: z.array(SchoolLevel).min(1) }),
  z.object({ type: z.literal('school'), schoolId: z.uuid() }),
  z.object({ type: z.literal('owner'), ownerId: z.uuid() }),
  z.object({ type: z.literal('students'), studentIds: z.array(z.uuid()).min(1).max(1000) }),
]);
export type Audience = z.infer<typeof Audience>;

const StudentName = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

/**
 * GET /api/announcements/audiences: every audience the asking person may announce to, for the form. A teacher gets
 * the groups they teach (with their students, for "chosen students"); the school's leaders and office every group,
 * every level and the whole school; the owner's administrators every school of the owner, and the owner.
 */
export const AudienceOptions = z.object({
  schools: z.array(z.object({
    id: z.uuid(),
    name: z.string(),
    /** The whole school and its levels. */
    wholeSchool: z.boolean(),
    levels: z.array(SchoolLevel),
    groups: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['class', 'aks']), level: z.string().nullable(), students: z.array(StudentName) })),
  })),
  owners: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type AudienceOptions = z.infer<typeof AudienceOptions>;

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
  /** ISO instant; omitted (or within the last minute) means now, earlier is refused (`in_past`). The web form takes Oslo time. */
  sendAt: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(AttachmentUpload).max(5).default([]),
  /** Nothing of the title or text leaves Tillit: e-mail, push and SMS say only "a new announcement from …". */
  confidential: z.boolean().default(false),
  confirmWarnings: ConfirmWarnings,
});

export const AnnouncementCreated = z.object({ id: z.uuid(), recipientCount: z.number().int(), scheduled: z.boolean() });

/** Whom an announcement went to, in words a list can show: names of groups, a school, an owner; a number of students. */
export const AudienceSummary = z.discriminatedUnion('type', [
  z.object({ type: z.literal('groups'), groups: z.array(z.string()) }),
  z.object({ type: z.literal('levels'), school: z.string(), levels: z.array(SchoolLevel) }),
  z.object({ type: z.literal('school'), school: z.string() }),
  z.object({ type: z.literal('owner'), owner: z.string() }),
  z.object({ type: z.literal('students'), count: z.number().int() }),
]);
export type AudienceSummary = z.infer<typeof AudienceSummary>;

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
  /** Whom it went to (a class, a school, the owner, chosen students by number). */
  audience: AudienceSummary,
  attachments: z.array(z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
});

export const InboxResponse = z.object({
  conversations: z.array(ConversationSummary),
  announcements: z.array(AnnouncementView.omit({ body: true, attachments: true, audience: true })),
});

/** "Show older" under either list of the inbox: the page after `before` (the last item shown), 20 at a time. */
export const OlderQuery = z.object({ before: z.uuid().optional() });

/** GET /api/conversations: a page of one's conversations, newest first. */
export const ConversationsPage = z.object({
  conversations: z.array(ConversationSummary),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.uuid().nullable(),
});
export type ConversationsPage = z.infer<typeof ConversationsPage>;

/** GET /api/announcements/received: a page of the announcements one received, newest first. */
export const ReceivedPage = z.object({
  announcements: InboxResponse.shape.announcements,
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.uuid().nullable(),
});
export type ReceivedPage = z.infer<typeof ReceivedPage>;

export const AnnouncementParams = z.object({ announcementId: z.uuid() });
export const AttachmentParams = z.object({ announcementId: z.uuid(), attachmentId: z.uuid() });

export const ReceiptsResponse = z.object({
  /** When a scheduled announcement will go out; null once it has been sent, or when it was cancelled. */
  scheduledFor: z.string().nullable(),
  /** When it was cancelled before it went out (it never will); null otherwise. */
  cancelledAt: z.string().nullable(),
  confidential: z.boolean(),
  /** Whether acknowledgement was asked for: without it, there is no "acknowledged" to show. */
  requiresAck: z.boolean(),
  total: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  recipients: z.array(z.object({
    personId: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    kind: z.enum(['guardian', 'student']),
    /** The students this recipient gets it for: a guardian's children in the audience, a student's own name. */
    studentNames: z.array(z.string()),
    readAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    preferredLanguage: z.string(),
    /** How Tillit told them (the notification outbox), as for a conversation message. */
    notified: MessageReceipt.shape.notified,
    /** When they were last reminded of it (POST …/reminders); null if never. */
    remindedAt: z.string().nullable(),
  })),
  /** The reminders sent of it, newest first, and whether one can be sent now (server/messaging/reminders.*). */
  reminders: z.object({
    sent: z.array(z.object({
      id: z.uuid(),
      sentAt: z.string(),
      sentBy: z.object({ givenName: z.string(), familyName: z.string() }),
      remindedCount: z.number().int(),
    })),
    /** Whom a reminder now would reach: who has not read it (not acknowledged it, where asked) and may still read it. */
    remindable: z.number().int(),
    /** A reminder was sent less than 24 hours ago: the next one can be sent at this time; null otherwise. */
    nextReminderAt: z.string().nullable(),
  }),
});
export type ReceiptsResponse = z.infer<typeof ReceiptsResponse>;

/** POST /api/announcements/:id/reminders: whom the reminder went to, and when the next one can be sent. */
export const ReminderSent = z.object({ id: z.uuid(), sentAt: z.string(), remindedCount: z.number().int(), nextReminderAt: z.string() });
export type ReminderSent = z.infer<typeof ReminderSent>;


/** GET /api/announcements/sent: a page, newest first; `before` is the last announcement of the page before. */
export const SentAnnouncementsQuery = z.object({
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * An announcement as its sender (or a leader of its school, an administrator of its owner) finds it again: whether
 * it went out or waits (or was cancelled), and how many of its recipients have read and acknowledged it.
 */
export const SentAnnouncement = z.object({
  id: z.uuid(),
  title: z.string(),
  category: AnnouncementCategory,
  audience: AudienceSummary,
  author: z.object({ givenName: z.string(), familyName: z.string() }),
  /** When it goes (or went) out: the time chosen, or the time of sending. */
  sendAt: z.string(),
  /** Null while it is scheduled (or when it was cancelled). */
  sentAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  requiresAck: z.boolean(),
  /** From the receipts: zero until it has gone out. */
  recipients: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  /** Scheduled, and the asking person may cancel or change it (its author, a leader of its school). */
  mayCancel: z.boolean(),
});
export type SentAnnouncement = z.infer<typeof SentAnnouncement>;

export const SentAnnouncementsResponse = z.object({
  announcements: z.array(SentAnnouncement),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.uuid().nullable(),
});
export type SentAnnouncementsResponse = z.infer<typeof SentAnnouncementsResponse>;

/** POST /api/announcements/:id/cancel: a scheduled announcement will not go out. */
export const AnnouncementCancelled = z.object({ id: z.uuid(), cancelledAt: z.string() });

/**
 * GET /api/announcements/:id/edit: a scheduled announcement as stored, for the form that changes it (its author or a
 * leader of its school, as for cancelling). The attachments are shown, not changed.
 */
export const EditableAnnouncement = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  category: AnnouncementCategory,
  audience: Audience,
  parentalResponsibilityOnly: z.boolean(),
  includeStudents: z.boolean(),
  requiresAck: z.boolean(),
  confidential: z.boolean(),
  sendAt: z.string(),
  attachments: z.array(z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
  /** When it was last changed; null if never. */
  editedAt: z.string().nullable(),
});
export type EditableAnnouncement = z.infer<typeof EditableAnnouncement>;

/**
 * PUT /api/announcements/:id: a scheduled announcement changed before it goes out. What is left out stays as it is;
 * the attachments always do. `sendAt` may not be in the past (`in_past`, as on creation); a new title, text or
 * audience is checked as on creation (`content_warning`, `confirmWarnings`). Sent or cancelled: 409 no_longer_scheduled.
 */
export const UpdateAnnouncementRequest = z.object({
  title: Subject.optional(),
  body: z.string().trim().min(1).max(20000).optional(),
  category: AnnouncementCategory.optional(),
  /** Resolved when it is sent, so it may change: within what the person may announce to, as on creation. */
  audience: Audience.optional(),
  parentalResponsibilityOnly: z.boolean().optional(),
  includeStudents: z.boolean().optional(),
  requiresAck: z.boolean().optional(),
  confidential: z.boolean().optional(),
  sendAt: z.iso.datetime({ offset: true }).optional(),
  confirmWarnings: ConfirmWarnings,
// A change that changes nothing is refused rather than recorded as an edit (who changed it last, and when).
}).refine((r) => Object.entries(r).some(([k, v]) => k !== 'confirmWarnings' && v !== undefined),
  { message: 'Nothing to change', params: { code: 'nothing_to_change' } });
export type UpdateAnnouncementRequest = z.infer<typeof UpdateAnnouncementRequest>;

export const AnnouncementUpdated = z.object({ id: z.uuid(), sendAt: z.string(), editedAt: z.string() });


/** A guardian in the reach view: whom to contact, about which child, how, and whether an interpreter is needed. */
const ReachGuardian = z.object({
  personId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  /** Their children in the group, as "Given Family". */
  students: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  /** Strengt fortrolig (9.8) and the reader is not designated for it: which channels reach them is not shown (all false). */
  channelsHidden: z.boolean(),
  hasLogin: z.boolean(),
  /** An address that has not bounced. */
  hasEmail: z.boolean(),
  emailBounced: z.boolean(),
  hasPhone: z.boolean(),
  /** The number to call, where the reader may see it (as in the roster); null otherwise or where there is none. */
  phone: z.string().nullable(),
});

/** Guardians by their preferred language (a language code), so a teacher sees where an interpreter is needed. */
const ByLanguage = z.array(z.object({ language: z.string(), interpreterNeeded: z.number().int(), guardians: z.array(ReachGuardian) }));

export const ReachResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  days: z.number().int(),
  /** Families none of whose guardians has read anything from the school in `days` days. */
  notReachedFamilies: z.number().int(),
  notReached: ByLanguage,
  /** Guardians no channel reaches: no app login, no e-mail that arrives (none, or it bounced) and no phone. */
  noChannel: ByLanguage,
});
export type ReachResponse = z.infer<typeof ReachResponse>;

export const PositiveContactResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  termStart: z.string(),
  students: z.array(z.object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    /** The last positive announcement to this student's family, or positive message in a conversation about them. */
    lastPositiveAt: z.string().nullable(),
    concernsThisTerm: z.number().int(),
    /** Counted from the same messages as lastPositiveAt, since termStart. */
    positivesThisTerm: z.number().int(),
  })),
  /** Families who have heard only about problems this term (seed 000: build the relation in "fredstid"). */
  onlyProblems: z.array(z.uuid()),
});
export type PositiveContactResponse = z.infer<typeof PositiveContactResponse>;

/** What the school's reach view counts of a class, an AKS group or the whole school (each family and guardian once). */
const ReachCounts = z.object({
  /** Children with a guardian with access: a family, as in the class view (siblings are a family each). */
  families: z.number().int(),
  notReachedFamilies: z.number().int(),
  /** As the class view's noChannel: a strengt fortrolig guardian counts only for staff designated for her (9.8). */
  noChannelGuardians: z.number().int(),
  /** Families with a guardian whose preferred language is not Norwegian, by that language; how many need an interpreter. */
  languages: z.array(z.object({ language: z.string(), families: z.number().int(), needInterpreter: z.number().int() })),
});

/** GET /api/schools/:schoolId/reach: per class and AKS group, and for the school, with the class view's definitions. */
export const SchoolReachResponse = z.object({
  school: z.object({ id: z.uuid(), name: z.string() }),
  days: z.number().int(),
  groups: z.array(ReachCounts.extend({ id: z.uuid(), name: z.string(), kind: z.enum(['class', 'aks']) })),
  total: ReachCounts,
});
export type SchoolReachResponse = z.infer<typeof SchoolReachResponse>;
