// The job queue's SQL. Every statement is a single autocommitted statement: no transaction is held open while
// a job runs, which matters on PGlite, where one open transaction holds up every other query of the process.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  unique_key: string | null;
  run_at: Date;
  attempts: number;
  max_attempts: number;
}

/** Inserts a job; with a unique key, only if no job with that key ever existed. Returns the id, or null if ignored. */
export async function insertJob(db: Db, job: { kind: string; payload: unknown; runAt: Date; uniqueKey: string | null; maxAttempts: number }): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO jobs (kind, payload, run_at, unique_key, max_attempts)
    VALUES (${job.kind}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt}, ${job.uniqueKey}, ${job.maxAttempts})
    ON CONFLICT (unique_key) DO NOTHING
    RETURNING id`.execute(db);
  return rows[0]?.id ?? null;
}

/**
 * Claims up to `limit` due jobs of the given kinds for one worker: pending ones whose time has come, and
 * running ones whose lease ran out (their worker died). SKIP LOCKED lets workers claim side by side without
 * waiting for each other or taking the same row; each claim counts as an attempt.
 */
export async function claimJobs(db: Db, c: { kinds: string[]; workerId: string; now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedJob[]> {
  if (c.kinds.length === 0 || c.limit <= 0) return [];
  const { rows } = await sql<ClaimedJob>`
    UPDATE jobs j SET status = 'running', locked_by = ${c.workerId}, locked_until = ${c.leaseUntil}, attempts = j.attempts + 1
    WHERE j.id IN (
      SELECT id FROM jobs
      WHERE kind IN (${sql.join(c.kinds)})
        AND ((status = 'pending' AND run_at <= ${c.now}) OR (status = 'running' AND locked_until < ${c.now}))
      ORDER BY run_at
      LIMIT ${c.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.kind, j.payload, j.unique_key, j.run_at, j.attempts, j.max_attempts`.execute(db);
  return rows;
}

/** The claim this worker holds: the same row, the same attempt. A worker whose lease was taken over holds none. */
const held = (id: string, workerId: string, attempt: number) => sql<boolean>`id = ${id} AND locked_by = ${workerId} AND attempts = ${attempt} AND status = 'running'`;

export async function extendLease(db: Db, id: string, workerId: string, attempt: number, leaseUntil: Date): Promise<boolean> {
  const r = await sql`UPDATE jobs SET locked_until = ${leaseUntil} WHERE ${held(id, workerId, attempt)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function completeJob(db: Db, id: string, workerId: string, attempt: number, at: Date): Promise<boolean> {
  const r = await sql`UPDATE jobs SET status = 'done', finished_at = ${at}, locked_until = NULL, last_error = NULL WHERE ${held(id, workerId, attempt)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** A failed attempt: back to pending at `retryAt`, or failed for good when `retryAt` is null. */
export async function failJob(db: Db, id: string, workerId: string, attempt: number, error: string, retryAt: Date | null, at: Date): Promise<boolean> {
  const r = retryAt
    ? await sql`UPDATE jobs SET status = 'pending', run_at = ${retryAt}, locked_until = NULL, last_error = ${error} WHERE ${held(id, workerId, attempt)}`.execute(db)
    : await sql`UPDATE jobs SET status = 'failed', finished_at = ${at}, locked_until = NULL, last_error = ${error} WHERE ${held(id, workerId, attempt)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Moves a job that has not started yet (e.g. a school changed the time of its daily alert). */
export async function moveJob(db: Db, uniqueKey: string, runAt: Date): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ run_at: runAt }).where('unique_key', '=', uniqueKey).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findJobByKey(db: Db, uniqueKey: string) {
  return db.selectFrom('jobs').select(['id', 'kind', 'payload', 'status', 'run_at', 'attempts', 'last_error', 'finished_at'])
    .where('unique_key', '=', uniqueKey).executeTakeFirst();
}
