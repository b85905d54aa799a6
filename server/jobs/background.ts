// Starts the job worker of a running server. Each module that has background work lists it in
// server/<module>/<module>.jobs.ts (exporting `jobs: JobDefinition[]`); they are found by file name, as routes are.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SystemCtx } from '../core/context';
import { osloDate } from '@shared/dates';
import { scheduleDaily, type DailySchedule } from './queue';
import { startWorker, type JobHandler, type Worker } from './worker';

export interface JobDefinition {
  kind: string;
  handler: JobHandler;
  /**
   * Run every day at this Oslo time; the worker keeps the series going. With `catchUp`, a server started after
   * today's time still runs today's occurrence (once: it has the day's key), e.g. a planner due at 00:05.
   */
  daily?: Omit<DailySchedule, 'kind'> & { catchUp?: boolean };
}

const SERVER_DIR = path.join(import.meta.dirname, '..');

export async function loadJobDefinitions(): Promise<JobDefinition[]> {
  const files = readdirSync(SERVER_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jobs.ts')).sort();
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(path.join(SERVER_DIR, f)).href) as Promise<{ jobs?: JobDefinition[] }>));
  return modules.flatMap((m, i) => {
    if (!Array.isArray(m.jobs)) throw new Error(`${files[i]} must export \`jobs: JobDefinition[]\``);
    return m.jobs;
  });
}

/**
 * Finds every module's jobs, makes sure each daily series has its next occurrence queued (idempotent: every
 * process does this at start), and starts a worker. `stop()` waits for the jobs already running.
 */
export async function startBackgroundJobs(sys: SystemCtx, options: { definitions?: JobDefinition[]; pollMs?: number; workerId?: string } = {}): Promise<Worker> {
  const definitions = options.definitions ?? (await loadJobDefinitions());
  const handlers: Record<string, JobHandler> = {};
  for (const d of definitions) {
    if (handlers[d.kind]) throw new Error(`Two job definitions for the kind '${d.kind}'`);
    handlers[d.kind] = d.handler;
    if (!d.daily) continue;
    const { catchUp, ...schedule } = d.daily;
    if (catchUp) await scheduleDaily(sys.db, sys.clock.now(), { kind: d.kind, ...schedule }, osloDate(sys.clock.now()));
    await scheduleDaily(sys.db, sys.clock.now(), { kind: d.kind, ...schedule });
  }
  return startWorker({
    db: sys.db, clock: sys.clock, log: sys.log, handlers,
    workerId: options.workerId ?? `${os.hostname()}:${process.pid}`,
    pollMs: options.pollMs ?? 1_000,
  });
}
