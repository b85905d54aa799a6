// Runs what is due on the job queue. Each round claims due jobs in one short statement (a lease, not a held
// transaction), runs each handler outside any transaction, and records the outcome only if this worker still
// holds the claim. A worker that dies leaves its lease to run out; any other worker then takes the job again.
// So a handler runs at least once, and may run again after a crash: write handlers whose effects are keyed
// (INSERT … ON CONFLICT DO NOTHING), and the effect happens exactly once.
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { DB } from '../db/schema';
import type { Clock, SystemCtx } from '../core/context';
import * as repo from './jobs.repo';
import { nextDate, scheduleDaily, type DailyPayload } from './queue';

export interface Job {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  uniqueKey: string | null;
  runAt: Date;
  /** 1 on the first run; a retry or a take-over after a crash counts up. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when this worker lost the job's lease (it ran too long and another worker took it over). */
  signal: AbortSignal;
}

export type JobHandler = (job: Job, sys: SystemCtx) => Promise<void>;

export interface WorkerOptions {
  db: Kysely<DB>;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** Names this worker in the table (locked_by), e.g. `<hostname>:<pid>`. */
  workerId: string;
  log?: SystemCtx['log'];
  /** How often to look for due work when there was none (default 1 s). */
  pollMs?: number;
  /** How long a claim holds before others may take the job over; renewed while the handler runs (default 5 min). */
  leaseMs?: number;
  /** Jobs run at the same time by this worker (default 4). */
  concurrency?: number;
  /** Delay before retry number `attempt + 1` (default 30 s doubling per attempt, at most an hour). */
  backoffMs?: (attempt: number) => number;
}

export type JobOutcome = { id: string; kind: string; outcome: 'done' | 'retry' | 'failed' | 'lost' };

export const defaultBackoffMs = (attempt: number): number => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

const silent = pino({ level: 'silent' });

function settings(o: WorkerOptions) {
  return {
    leaseMs: o.leaseMs ?? 300_000,
    backoffMs: o.backoffMs ?? defaultBackoffMs,
    sys: { db: o.db, clock: o.clock, log: o.log ?? silent } satisfies SystemCtx,
  };
}

async function claim(o: WorkerOptions, limit: number): Promise<repo.ClaimedJob[]> {
  const now = o.clock.now();
  const { leaseMs } = settings(o);
  return repo.claimJobs(o.db, { kinds: Object.keys(o.handlers), workerId: o.workerId, now, leaseUntil: new Date(now.getTime() + leaseMs), limit });
}

async function runOne(o: WorkerOptions, claimed: repo.ClaimedJob): Promise<JobOutcome> {
  const { leaseMs, backoffMs, sys } = settings(o);
  const { id, kind, attempts: attempt } = claimed;
  const lost = new AbortController();
  // Renew the lease while the handler runs, so a long job is not taken over from a live worker.
  const heartbeat = setInterval(() => {
    repo.extendLease(o.db, id, o.workerId, attempt, new Date(o.clock.now().getTime() + leaseMs))
      .then((held) => { if (!held) lost.abort(); })
      .catch((err: unknown) => sys.log.warn({ err, job: id }, 'could not renew a job lease'));
  }, Math.max(1_000, Math.floor(leaseMs / 3)));
  const result = (outcome: JobOutcome['outcome']): JobOutcome => ({ id, kind, outcome });
  try {
    const daily = claimed.payload as Partial<DailyPayload>;
    if (daily.daily && daily.date) {
      // The next day's occurrence first: the series carries on even if today's run fails for good.
      const { date: _date, daily: schedule, ...payload } = daily;
      await scheduleDaily(o.db, o.clock.now(), { kind, at: schedule.at, key: schedule.key, payload }, nextDate(daily.date));
    }
    await o.handlers[kind]!({ id, kind, payload: claimed.payload, uniqueKey: claimed.unique_key, runAt: claimed.run_at, attempt, maxAttempts: claimed.max_attempts, signal: lost.signal }, sys);
  } catch (err) {
    const now = o.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    const retryAt = attempt < claimed.max_attempts ? new Date(now.getTime() + backoffMs(attempt)) : null;
    sys.log.warn({ err, job: id, kind, attempt }, retryAt ? 'job failed; will retry' : 'job failed for good');
    const recorded = await repo.failJob(o.db, id, o.workerId, attempt, message.slice(0, 1_000), retryAt, now);
    return result(!recorded ? 'lost' : retryAt ? 'retry' : 'failed');
  } finally {
    clearInterval(heartbeat);
  }
  return result((await repo.completeJob(o.db, id, o.workerId, attempt, o.clock.now())) ? 'done' : 'lost');
}

/**
 * Claims what is due now and runs it, round after round, until nothing is due. For tests with an injected
 * clock, and for a one-shot command; a running server uses startWorker.
 */
export async function runDueJobs(o: WorkerOptions): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (;;) {
    const claimed = await claim(o, o.concurrency ?? 4);
    if (claimed.length === 0) return outcomes;
    outcomes.push(...(await Promise.all(claimed.map((j) => runOne(o, j)))));
  }
}

export interface Worker {
  /** Look for work now instead of at the next poll (e.g. after enqueueing something due at once). */
  wake(): void;
  /** Claims nothing more and resolves when the jobs already running have finished. */
  stop(): Promise<void>;
}

export function startWorker(o: WorkerOptions): Worker {
  const pollMs = o.pollMs ?? 1_000;
  const concurrency = o.concurrency ?? 4;
  const { sys } = settings(o);
  const running = new Set<Promise<void>>();
  let stopped = false;
  // A wake that comes while the loop is claiming is kept, so the next sleep returns at once.
  let woken = false;
  let wakeUp: () => void = () => { woken = true; };

  const sleep = () => new Promise<void>((resolve) => {
    if (woken) { woken = false; resolve(); return; }
    const timer = setTimeout(done, pollMs);
    function done() { clearTimeout(timer); wakeUp = () => { woken = true; }; resolve(); }
    wakeUp = done;
  });

  const loop = async () => {
    while (!stopped) {
      const free = concurrency - running.size;
      let claimed: repo.ClaimedJob[] = [];
      if (free > 0) {
        try {
          claimed = await claim(o, free);
        } catch (err) {
          sys.log.error({ err }, 'could not claim jobs; trying again at the next poll');
        }
      }
      for (const job of claimed) {
        const run = runOne(o, job)
          .then((r) => { if (r.outcome === 'lost') sys.log.warn(r, 'a job was taken over by another worker before it finished'); })
          .catch((err: unknown) => sys.log.error({ err, job: job.id }, 'could not record the outcome of a job'))
          .finally(() => { running.delete(run); wakeUp(); });
        running.add(run);
      }
      // A full batch means more may be due: claim again at once. Otherwise wait for a poll, a wake or a free slot.
      if (claimed.length === 0 || claimed.length < free) await sleep();
    }
  };
  const looping = loop();

  return {
    wake: () => wakeUp(),
    async stop() {
      stopped = true;
      wakeUp();
      await looping;
      await Promise.all(running);
    },
  };
}
