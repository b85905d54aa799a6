// Kysely types of the job queue (migrations/0005_jobs_and_push.sql). Joined into DB in server/db/schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Generated<unknown>;
  unique_key: string | null;
  run_at: Timestamp;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface JobTables {
  jobs: JobsTable;
}
