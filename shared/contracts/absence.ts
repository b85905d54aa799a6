// The absence and leave API (docs/ABSENCE.md, domain 3). Dates are Oslo calendar dates 'YYYY-MM-DD'; times are
// Oslo wall-clock 'HH:MM'; instants are ISO strings with an offset.
import { z } from 'zod';
import { IsoDate, WallTime } from './dates';

const Instant = z.iso.datetime({ offset: true });
const Person = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() });

/** A category only, and optional: never a free-text health reason (3.1, Datatilsynet on Oslo's app). */
export const AbsenceReason = z.enum(['ill', 'other']);
export type AbsenceReason = z.infer<typeof AbsenceReason>;

const spanChecks = <T extends { fromDate: string; toDate?: string | undefined; fromTime?: string | undefined; untilTime?: string | undefined }>(v: T, ctx: z.RefinementCtx) => {
  const to = v.toDate ?? v.fromDate;
  if (to < v.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'toDate is before fromDate', params: { code: 'before_from' } });
  if ((v.fromTime || v.untilTime) && to !== v.fromDate) ctx.addIssue({ code: 'custom', path: ['fromTime'], message: 'a part of a day is reported for one date', params: { code: 'one_day_only' } });
  if (v.fromTime && v.untilTime && v.untilTime <= v.fromTime) ctx.addIssue({ code: 'custom', path: ['untilTime'], message: 'untilTime is not after fromTime', params: { code: 'not_after_from' } });
};

/**
 * What is absent, in one of three shapes: a day (fromDate only), several days (fromDate–toDate), or part of a
 * day (fromDate with fromTime "leaves at", untilTime "comes at", or both). Strict: any other field (a note,
 * a health detail) is refused. A note to the contact teacher is a conversation message (POST /api/conversations).
 */
const AbsenceSpan = z.strictObject({
  fromDate: IsoDate,
  /** Defaults to fromDate. */
  toDate: IsoDate.optional(),
  fromTime: WallTime.optional(),
  untilTime: WallTime.optional(),
  reason: AbsenceReason.nullable().default(null),
});

/** POST /api/absence/reports: a guardian reports absence for one or more of their children, school and AKS/SFO in one. */
export const ReportAbsenceRequest = AbsenceSpan.extend({ studentIds: z.array(z.uuid()).min(1).max(10) }).superRefine(spanChecks);
export type ReportAbsenceRequest = z.infer<typeof ReportAbsenceRequest>;

/** PUT /api/absence/reports/:reportId: the guardian corrects a report, before its first day starts (Oslo time). */
export const CorrectAbsenceRequest = AbsenceSpan.superRefine(spanChecks);
export type CorrectAbsenceRequest = z.infer<typeof CorrectAbsenceRequest>;

export const ReportParams = z.object({ reportId: z.uuid() });

export const AbsenceReportView = z.object({
  id: z.uuid(),
  student: Person,
  fromDate: IsoDate,
  toDate: IsoDate,
  fromTime: WallTime.nullable(),
  untilTime: WallTime.nullable(),
  reason: AbsenceReason.nullable(),
  status: z.enum(['active', 'withdrawn']),
  /** Who reported it: both guardians and the staff see this. */
  reportedBy: Person,
  reportedAt: Instant,
  updatedBy: Person,
  updatedAt: Instant,
  /** The report reaches the AKS base leader too when the child is enrolled in AKS/SFO. */
  reachesAks: z.boolean(),
  /** The instant the first day starts in Oslo: until then a guardian may correct or withdraw it. */
  changeableUntil: Instant,
  /** True when the person asking may correct or withdraw it now. */
  canChange: z.boolean(),
});
export type AbsenceReportView = z.infer<typeof AbsenceReportView>;
export const ReportAbsenceResponse = z.object({ reports: z.array(AbsenceReportView) });

// ---- Attendance (the teacher's register) ----

/** GET /api/groups/:groupId/attendance?date=&period=: period 0 is the whole day, 1… a lesson. */
export const AttendanceQuery = z.object({ date: IsoDate, period: z.coerce.number().int().min(0).max(12).default(0) });
export const GroupParams = z.object({ groupId: z.uuid() });

export const AttendanceStudent = z.object({
  student: Person,
  /** The state to show: the saved mark, or before saving, absent when a report or approved leave covers the day. */
  status: z.enum(['present', 'absent']),
  /** True once a register with this student has been saved. */
  saved: z.boolean(),
  report: z.object({ id: z.uuid(), reason: AbsenceReason.nullable(), fromTime: WallTime.nullable(), untilTime: WallTime.nullable(), reportedBy: Person }).nullable(),
  leave: z.object({ id: z.uuid(), kind: z.enum(['ordinary', 'religious_holiday']) }).nullable(),
});
export const AttendanceResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['class', 'aks']) }),
  date: IsoDate,
  period: z.number().int(),
  subject: z.string().nullable(),
  registered: z.object({ by: Person, at: Instant }).nullable(),
  /** False for someone who may see the day (e.g. a leader) but not keep this register. */
  canEdit: z.boolean(),
  /** Today in Oslo by the server's clock: the last day a register can be kept for. */
  today: IsoDate,
  /** Why no register can be kept for this day, or null: it is ahead of today, or it is not a school day. */
  closedBecause: z.enum(['in_future', 'not_a_school_day']).nullable(),
  students: z.array(AttendanceStudent),
});
export type AttendanceResponse = z.infer<typeof AttendanceResponse>;

/**
 * PUT /api/groups/:groupId/attendance: the whole register at once; everyone not listed is present. A register is
 * kept for a school day, today or earlier (`in_future`, `not_a_school_day`); an AKS group has no lessons, only
 * the whole day (`no_lessons`).
 */
export const SaveAttendanceRequest = z.strictObject({
  date: IsoDate,
  period: z.number().int().min(0).max(12).default(0),
  /** The subject of a lesson (videregående, for per-subject percentages). */
  subject: z.string().trim().min(1).max(60).optional(),
  absentStudentIds: z.array(z.uuid()).max(200),
});
export type SaveAttendanceRequest = z.infer<typeof SaveAttendanceRequest>;

// ---- Unexplained absence: the contact teacher's task list ----

export const FollowupQuery = z.object({ date: IsoDate.optional() });
export const FollowupParams = z.object({ followupId: z.uuid() });
export const FollowupResolution = z.enum(['reached_family', 'reported_later', 'registration_error']);
export const ResolveFollowupRequest = z.strictObject({ resolution: FollowupResolution });

export const FollowupItem = z.object({
  id: z.uuid(),
  student: Person,
  group: z.object({ id: z.uuid(), name: z.string() }),
  date: IsoDate,
  createdAt: Instant,
  /** Guardians the urgent notification went to; phone is null when withheld (protected address, 9.8). */
  guardians: z.array(Person.extend({ phone: z.string().nullable() })),
  /** A report that came in after the check: the family has been heard from. */
  reportedLater: z.object({ id: z.uuid(), reportedBy: Person, reportedAt: Instant }).nullable(),
  resolved: z.object({ at: Instant, by: Person, resolution: FollowupResolution }).nullable(),
});
export const FollowupsResponse = z.object({ date: IsoDate, items: z.array(FollowupItem) });
export type FollowupsResponse = z.infer<typeof FollowupsResponse>;

// ---- Overviews ----

export const StudentParams = z.object({ studentId: z.uuid() });
/** Defaults to the current term (autumn: August–December, spring: January–July). */
export const PeriodQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

/**
 * Whole days count once each: a day register decides when there is one (a teacher saw the child, or not);
 * otherwise a full-day report or approved leave covering a school day up to today counts.
 */
export const AbsenceSummary = z.object({
  schoolDays: z.number().int(),
  absentDays: z.number().int(),
  reportedDays: z.number().int(),
  unreportedDays: z.number().int(),
  leaveDays: z.number().int(),
  /** Hours reported as part of a day. */
  reportedHours: z.number(),
  /** Lessons (period registers) marked absent. */
  absentLessons: z.number().int(),
});
export type AbsenceSummary = z.infer<typeof AbsenceSummary>;

export const LeaveKind = z.enum(['ordinary', 'religious_holiday']);
export const LeaveStatus = z.enum(['pending', 'approved', 'refused', 'withdrawn']);
export const DeciderRole = z.enum(['kontaktlaerer', 'rektor']);

export const LeaveDecisionView = z.object({
  outcome: z.enum(['approved', 'refused']),
  decidedBy: Person,
  deciderRole: z.string(),
  decidedAt: Instant,
  reasons: z.string(),
  bestInterests: z.string(),
  studentViews: z.string(),
  /** An enkeltvedtak may be appealed within 3 weeks; the appeal goes through the school to the statsforvalter. */
  appeal: z.object({
    to: z.literal('statsforvalteren'),
    via: z.string(),
    deadline: IsoDate,
    /** The appeal information in the reader's language. */
    text: z.string(),
  }),
});

export const LeaveApplicationView = z.object({
  id: z.uuid(),
  student: Person,
  school: z.object({ id: z.uuid(), name: z.string() }),
  kind: LeaveKind,
  fromDate: IsoDate,
  toDate: IsoDate,
  schoolDays: z.number().int(),
  reason: z.string().nullable(),
  status: LeaveStatus,
  appliedBy: Person,
  appliedAt: Instant,
  /** Who decides under the owner's rules: the contact teacher for short ordinary leave, else the rektor. */
  decider: DeciderRole,
  /** The owner's rules, as they stand for this application. A religious holiday is a right: none apply (3.8). */
  checks: z.object({
    maxDaysPerYear: z.number().int(),
    /** Approved ordinary leave this school year, this application not included. */
    daysUsedThisYear: z.number().int(),
    overMax: z.boolean(),
    blackouts: z.array(z.object({ label: z.string(), startsOn: IsoDate, endsOn: IsoDate })),
  }),
  decision: LeaveDecisionView.nullable(),
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
});
export type LeaveApplicationView = z.infer<typeof LeaveApplicationView>;

export const StudentAbsenceResponse = z.object({
  student: Person,
  from: IsoDate,
  to: IsoDate,
  summary: AbsenceSummary,
  reports: z.array(AbsenceReportView),
  /** Registered absences (day or lesson) and whether a report or leave explains each. */
  registered: z.array(z.object({ date: IsoDate, period: z.number().int(), subject: z.string().nullable(), explainedBy: z.enum(['report', 'leave']).nullable() })),
  leave: z.array(LeaveApplicationView),
});
export type StudentAbsenceResponse = z.infer<typeof StudentAbsenceResponse>;

export const WorryingRules = z.object({
  percent: z.number().int().min(1).max(100),
  percentWeeks: z.number().int().min(1).max(52),
  days: z.number().int().min(1).max(190),
  daysWeeks: z.number().int().min(1).max(52),
});

export const OverviewRow = z.object({
  student: Person,
  group: z.object({ id: z.uuid(), name: z.string() }),
  summary: AbsenceSummary,
  /** Absent share of school days in the last `percentWeeks` weeks, and absent days in the last `daysWeeks` weeks. */
  window: z.object({ percent: z.number(), days: z.number().int() }),
  /** Rule 3.4 as the owner configured it; leave does not count. A flag for follow-up, not a judgement. */
  worrying: z.boolean(),
  worryingBecause: z.array(z.enum(['percent', 'days'])),
});
export const OverviewQuery = PeriodQuery.extend({ worryingOnly: z.enum(['true', 'false']).optional() });
export const OverviewResponse = z.object({ from: IsoDate, to: IsoDate, rules: WorryingRules, students: z.array(OverviewRow) });
export type OverviewResponse = z.infer<typeof OverviewResponse>;

/**
 * Documentation the school accepted for absence (3.11): a category, never a diagnosis. `health`: a statement
 * from health personnel; `other`: other relevant documentation; `rights`: a right under the Act (rådgivning,
 * a PPT assessment, approved elevråd work), which does not count as absence towards the limit at all.
 */
export const DocumentationCategory = z.enum(['health', 'rights', 'other']);
export const DocumentAbsenceRequest = z.strictObject({
  fromDate: IsoDate,
  toDate: IsoDate,
  category: DocumentationCategory,
}).refine((v) => v.toDate >= v.fromDate, { path: ['toDate'], message: 'toDate is before fromDate', params: { code: 'before_from' } });
export type DocumentAbsenceRequest = z.infer<typeof DocumentAbsenceRequest>;
export const DocumentationParams = z.object({ documentationId: z.uuid() });
export const DocumentationView = z.object({
  id: z.uuid(),
  fromDate: IsoDate,
  toDate: IsoDate,
  category: DocumentationCategory,
  acceptedBy: Person,
  acceptedAt: Instant,
});

/** GET /api/students/:studentId/absence/subjects: videregående, per subject, against the limit (3.10–3.11). */
export const SubjectAbsenceResponse = z.object({
  student: Person,
  from: IsoDate,
  to: IsoDate,
  /**
   * Whether the per-subject limit applies to this student: videregående only (a videregående school, or a Vg
   * class of a combined school). When it does not, `subjects` is empty: a lesson's subject in grunnskole is
   * registered, but there is no limit to count it against.
   */
  applies: z.boolean(),
  limitPercent: z.number().int(),
  /** The documentation in force over the span, and whether the reader may add or withdraw some. */
  documentation: z.array(DocumentationView),
  canDocument: z.boolean(),
  subjects: z.array(z.object({
    subject: z.string(),
    lessons: z.number().int(),
    documented: z.number().int(),
    undocumented: z.number().int(),
    /** Absent for a right under the Act: not absence towards the limit. */
    exempt: z.number().int(),
    undocumentedPercent: z.number(),
    /** Above the limit: the grade may be at risk. The system shows this; the school decides (3.11). */
    overLimit: z.boolean(),
  })),
});
export type SubjectAbsenceResponse = z.infer<typeof SubjectAbsenceResponse>;

// ---- Settings ----

export const SchoolParams = z.object({ schoolId: z.uuid() });
export const OwnerParams = z.object({ ownerId: z.uuid() });

/** GET/PUT /api/schools/:schoolId/absence-settings: the time of the morning check (default 09:00). */
export const SchoolAbsenceSettings = z.strictObject({ checkTime: WallTime });

export const Blackout = z.strictObject({
  /** null: every school of the owner. */
  schoolId: z.uuid().nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  label: z.string().trim().min(1).max(100),
}).refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'endsOn is before startsOn', params: { code: 'before_from' } });

/** GET/PUT /api/owners/:ownerId/absence-rules: the school owner's rules (3.4, 3.6–3.10); PUT replaces them. */
export const AbsenceRules = z.strictObject({
  leaveMaxDaysPerYear: z.number().int().min(0).max(190),
  contactTeacherMaxLeaveDays: z.number().int().min(0).max(190),
  worrying: WorryingRules,
  subjectLimitPercent: z.number().int().min(1).max(100),
  blackouts: z.array(Blackout).max(100),
});
export type AbsenceRules = z.infer<typeof AbsenceRules>;

// ---- Leave ----

/** POST /api/leave: a guardian applies. The reason is optional and short; it is not health data. */
export const ApplyLeaveRequest = z.strictObject({
  studentId: z.uuid(),
  kind: LeaveKind,
  fromDate: IsoDate,
  toDate: IsoDate,
  reason: z.string().trim().max(500).nullable().default(null),
}).refine((v) => v.toDate >= v.fromDate, { path: ['toDate'], message: 'toDate is before fromDate', params: { code: 'before_from' } });
export type ApplyLeaveRequest = z.infer<typeof ApplyLeaveRequest>;

export const LeaveParams = z.object({ applicationId: z.uuid() });
export const LeaveListQuery = z.object({ status: LeaveStatus.optional() });
export const LeaveListResponse = z.object({ applications: z.array(LeaveApplicationView) });

/** POST /api/leave/:applicationId/decision: the enkeltvedtak. Every part is required (3.9). */
export const DecideLeaveRequest = z.strictObject({
  outcome: z.enum(['approved', 'refused']),
  reasons: z.string().trim().min(1).max(4000),
  bestInterests: z.string().trim().min(1).max(4000),
  studentViews: z.string().trim().min(1).max(4000),
});
export type DecideLeaveRequest = z.infer<typeof DecideLeaveRequest>;
