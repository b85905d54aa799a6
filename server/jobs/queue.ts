// What other modules call to put work on the durable queue. A job is a row: it survives restarts, and any
// process's worker may run it. Enqueue inside your own transaction to make the job part of what you commit.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { osloDate, osloTime } from '@shared/dates';
import * as repo from './jobs.repo';

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  runAt: Date;
  /** The job exists at most once, ever: a second enqueue with the same key is ignored. */
  uniqueKey?: string;
  /** Claims before the job is given up as failed (default 5). */
  maxAttempts?: number;
}

/** Returns the new job's id, or null when a job with the same uniqueKey already exists. */
export async function enqueueJob(db: Kysely<DB> | Transaction<DB>, job: NewJob): Promise<string | null> {
  return repo.insertJob(db, { kind: job.kind, payload: job.payload ?? {}, runAt: job.runAt, uniqueKey: job.uniqueKey ?? null, maxAttempts: job.maxAttempts ?? 5 });
}

/** Work that recurs every day at a wall-clock time in Oslo, e.g. the absence alert of one school at 09:00. */
export interface DailySchedule {
  kind: string;
  /** 'HH:MM', Europe/Oslo. */
  at: string;
  /** Names the series; each day's job gets the key `<key>:<YYYY-MM-DD>` (default: the kind). */
  key?: string;
  payload?: Record<string, unknown>;
}

/** What a daily job's payload carries besides the schedule's own: the Oslo date it runs for, and the schedule. */
export interface DailyPayload {
  date: string;
  daily: { at: string; key: string };
}

function parseTime(at: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new Error(`A daily time is 'HH:MM', not '${at}'`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The instant of HH:MM in Oslo on a date. On the spring-forward night, 02:xx does not exist and runs at 03:xx. */
export function osloDateTime(date: string, at: string): Date {
  const { hour, minute } = parseTime(at);
  return new Date(osloTime(date, hour).getTime() + minute * 60_000);
}

export function nextDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first occurrence at or after `now`: today's if its time has not passed, else tomorrow's. */
export function nextOccurrence(now: Date, at: string): { date: string; runAt: Date } {
  const today = osloDate(now);
  const runAt = osloDateTime(today, at);
  if (runAt >= now) return { date: today, runAt };
  const tomorrow = nextDate(today);
  return { date: tomorrow, runAt: osloDateTime(tomorrow, at) };
}

/**
 * Enqueues one day's occurrence of a daily schedule (by default the next one from `now`). The day's key makes it
 * idempotent: any number of processes scheduling the same day create one job. The worker enqueues the following
 * day's occurrence when it starts a daily job, so the series carries on by itself, and an occurrence a stopped
 * server missed still runs (late) when it starts again.
 */
export async function scheduleDaily(db: Kysely<DB> | Transaction<DB>, now: Date, schedule: DailySchedule, date?: string): Promise<{ date: string; runAt: Date; id: string | null }> {
  const key = schedule.key ?? schedule.kind;
  const occurrence = date ? { date, runAt: osloDateTime(date, schedule.at) } : nextOccurrence(now, schedule.at);
  const payload: Record<string, unknown> & DailyPayload = { ...schedule.payload, date: occurrence.date, daily: { at: schedule.at, key } };
  const id = await enqueueJob(db, { kind: schedule.kind, payload, runAt: occurrence.runAt, uniqueKey: `${key}:${occurrence.date}` });
  return { ...occurrence, id };
}

/** The key of one day's job in a daily series, to look it up or move it. */
export const dailyKey = (key: string, date: string): string => `${key}:${date}`;

export { moveJob, findJobByKey } from './jobs.repo';
