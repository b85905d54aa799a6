// Kysely's view of the foundation tables; keep in step with migrations/0001 and 0002.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns travel as 'YYYY-MM-DD' strings (parsers set in database.ts). */
type DateString = string;

export type OwnerKind = 'kommune' | 'fylkeskommune' | 'private';
export type SchoolKind = 'grunnskole' | 'videregaende' | 'combined';
export type GroupKind = 'class' | 'aks';
export type AddressProtection = 'none' | 'fortrolig' | 'strengt_fortrolig';
export type StaffRole =
  | 'rektor' | 'avdelingsleder' | 'kontaktlaerer' | 'faglaerer' | 'sosiallaerer'
  | 'miljoarbeider' | 'helsesykepleier' | 'aks_baseleder' | 'kontor';

export interface SchoolOwnersTable {
  id: Generated<string>;
  name: string;
  kind: OwnerKind;
  org_number: string | null;
  residence_parent_only_until_confirmed: Generated<boolean>;
  created_at: Timestamp;
}

export interface SchoolsTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  kind: SchoolKind;
  org_number: string | null;
  office_phone: string | null;
  office_email: string | null;
  created_at: Timestamp;
}

export interface SchoolYearsTable {
  id: Generated<string>;
  school_id: string;
  name: string;
  starts_on: DateString;
  ends_on: DateString;
}

export interface GroupsTable {
  id: Generated<string>;
  school_id: string;
  school_year_id: string;
  kind: GroupKind;
  name: string;
  level: string | null;
}

export interface PersonsTable {
  id: Generated<string>;
  given_name: string;
  family_name: string;
  birth_date: DateString | null;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  address_protection: Generated<AddressProtection>;
  preferred_language: Generated<string>;
  interpreter_needed: Generated<boolean>;
  created_at: Timestamp;
}

export interface StudentsTable {
  person_id: string;
  school_id: string;
}

export interface EnrolmentsTable {
  student_id: string;
  group_id: string;
}

export interface GuardianshipsTable {
  guardian_id: string;
  student_id: string;
  parental_responsibility: boolean;
  lives_with: Generated<boolean>;
  situation_confirmed: Generated<boolean>;
}

export interface StaffRolesTable {
  id: Generated<string>;
  person_id: string;
  school_id: string;
  role: StaffRole;
  group_id: string | null;
  designated_for_protected: Generated<boolean>;
}

export interface OwnerAdminsTable {
  person_id: string;
  owner_id: string;
}

export interface UsersTable {
  id: Generated<string>;
  person_id: string;
  username: string | null;
  password_hash: string | null;
  locale: string | null;
  created_at: Timestamp;
}

export interface UserIdentitiesTable {
  provider: string;
  subject: string;
  user_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface OidcLoginsTable {
  state: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Generated<unknown>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

import type { MessagingTables } from '../messaging/messaging.tables';
import type { NotificationTables } from '../notifications/notifications.tables';
import type { JobTables } from '../jobs/jobs.tables';
import type { AbsenceTables } from '../absence/absence.tables';
import type { IdempotencyTables } from '../core/idempotency.tables';
import type { TranslationTables } from '../translation/translation.tables';

/** Every table Kysely knows. Each module after the foundation declares its own tables in <module>.tables.ts. */
export interface DB extends MessagingTables, NotificationTables, JobTables, AbsenceTables, IdempotencyTables, TranslationTables {
  school_owners: SchoolOwnersTable;
  schools: SchoolsTable;
  school_years: SchoolYearsTable;
  groups: GroupsTable;
  persons: PersonsTable;
  students: StudentsTable;
  enrolments: EnrolmentsTable;
  guardianships: GuardianshipsTable;
  staff_roles: StaffRolesTable;
  owner_admins: OwnerAdminsTable;
  users: UsersTable;
  user_identities: UserIdentitiesTable;
  sessions: SessionsTable;
  oidc_logins: OidcLoginsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  class_list_sharing: ClassListSharingTable;
}

export interface ClassListSharingTable {
  guardian_id: string;
  student_id: string;
  fields: string[];
  updated_at: Timestamp;
}
