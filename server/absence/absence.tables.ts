// Kysely types of the tables this module's migrations create (0006_absence.sql, 0011_absence_documentation.sql). Joined into DB in server/db/schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

type DateString = string;

export type AbsenceReason = 'ill' | 'other';
export type AttendanceStatus = 'present' | 'absent';
export type LeaveKind = 'ordinary' | 'religious_holiday';
export type LeaveStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';
export type FollowupResolution = 'reached_family' | 'reported_later' | 'registration_error';
export type HistoryRecordType = 'report' | 'attendance' | 'leave' | 'followup' | 'documentation';
export type DocumentationCategory = 'health' | 'rights' | 'other';

export interface AbsenceTables {
  absence_rules: {
    owner_id: string;
    leave_max_days_per_year: number;
    contact_teacher_max_leave_days: number;
    worrying_percent: number;
    worrying_percent_weeks: number;
    worrying_days: number;
    worrying_days_weeks: number;
    subject_limit_percent: number;
    updated_at: Timestamp;
    updated_by: string;
  };
  leave_blackouts: {
    id: Generated<string>;
    owner_id: string;
    school_id: string | null;
    starts_on: DateString;
    ends_on: DateString;
    label: string;
  };
  absence_school_settings: {
    school_id: string;
    check_time: string;
    updated_at: Timestamp;
    updated_by: string;
  };
  absence_reports: {
    id: Generated<string>;
    student_id: string;
    school_id: string;
    reported_by: string;
    from_date: DateString;
    to_date: DateString;
    from_time: string | null;
    until_time: string | null;
    reason: AbsenceReason | null;
    status: Generated<'active' | 'withdrawn'>;
    created_at: Timestamp;
    updated_at: Timestamp;
    updated_by: string;
  };
  attendance_registers: {
    group_id: string;
    date: DateString;
    period: number;
    subject: string | null;
    registered_by: string;
    registered_at: Timestamp;
  };
  attendance_marks: {
    group_id: string;
    date: DateString;
    period: number;
    student_id: string;
    status: AttendanceStatus;
  };
  leave_applications: {
    id: Generated<string>;
    student_id: string;
    school_id: string;
    applied_by: string;
    kind: LeaveKind;
    from_date: DateString;
    to_date: DateString;
    school_days: number;
    reason: string | null;
    status: Generated<LeaveStatus>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  leave_decisions: {
    application_id: string;
    outcome: 'approved' | 'refused';
    decided_by: string;
    decider_role: string;
    decided_at: Timestamp;
    reasons: string;
    best_interests: string;
    student_views: string;
    appeal_deadline: DateString;
    appeal_to: Generated<string>;
  };
  absence_followups: {
    id: Generated<string>;
    school_id: string;
    group_id: string;
    student_id: string;
    date: DateString;
    created_at: Timestamp;
    guardians_alerted: Generated<number>;
    resolved_at: Date | null;
    resolved_by: string | null;
    resolution: FollowupResolution | null;
  };
  /** 0011_absence_documentation.sql: documentation the school accepted (3.11). */
  absence_documentation: {
    id: Generated<string>;
    student_id: string;
    school_id: string;
    from_date: DateString;
    to_date: DateString;
    category: DocumentationCategory;
    accepted_by: string;
    accepted_at: Timestamp;
    withdrawn_by: string | null;
    withdrawn_at: Date | null;
  };
  absence_history: {
    id: Generated<number>;
    at: Timestamp;
    actor_id: string | null;
    student_id: string;
    record_type: HistoryRecordType;
    record_id: string;
    action: string;
    before: unknown;
    after: unknown;
  };
}
