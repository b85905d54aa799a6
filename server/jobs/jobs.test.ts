import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/harness';
import { enqueueJob, findJobByKey, nextOccurrence, osloDateTime, scheduleDaily } from './queue';
import { claimJobs, completeJob } from './jobs.repo';
import { runDueJobs, startWorker, type Job, type JobHandler } from './worker';
import { startBackgroundJobs } from './background';

describe('the durable job queue', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });
  beforeEach(async () => {
    await sql`DELETE FROM jobs`.execute(t.database.db);
    t.clock.set('2026-11-23T06:00:00Z');
  });

  const sys = () => ({ db: t.database.db, clock: t.clock });
  const statuses = async () => (await t.database.db.selectFrom('jobs').select(['status', 'locked_by']).execute());

  it('runs every job exactly once when two server processes work the queue side by side', async () => {
    const runs = new Map<string, number>();
    const handlers: Record<string, JobHandler> = {
      'count-me': async (job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
      },
    };
    for (let i = 0; i < 150; i++) await enqueueJob(t.database.db, { kind: 'count-me', payload: { i }, runAt: t.clock.now() });
    // On PostgreSQL the two workers claim over separate connections of the pool; on PGlite they interleave in one session.
    const a = startWorker({ ...sys(), handlers, workerId: 'process-a', pollMs: 10 });
    const b = startWorker({ ...sys(), handlers, workerId: 'process-b', pollMs: 10 });
    while ((await statuses()).some((j) => j.status !== 'done')) await new Promise((r) => setTimeout(r, 20));
    await Promise.all([a.stop(), b.stop()]);

    expect(runs.size).toBe(150);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(new Set((await statuses()).map((j) => j.locked_by))).toEqual(new Set(['process-a', 'process-b']));
  });

  it('keeps a job with a key at most once, however often it is enqueued', async () => {
    const key = 'absence-alert:school-1:2026-11-23';
    const first = await enqueueJob(t.database.db, { kind: 'alert', runAt: t.clock.now(), uniqueKey: key });
    const again = await Promise.all([1, 2, 3].map(() => enqueueJob(t.database.db, { kind: 'alert', runAt: t.clock.now(), uniqueKey: key })));
    expect(first).not.toBeNull();
    expect(again).toEqual([null, null, null]);
    expect(await statuses()).toHaveLength(1);
  });

  it('sends the morning alert once a day at 09:00 Oslo time, with two processes scheduling and working, across the clock change', async () => {
    t.clock.set('2026-10-23T12:00:00Z'); // a Friday; summer time ends on Sunday 25 October
    const ran: { date: string; at: string; by: string }[] = [];
    const handler = (by: string): JobHandler => async (job: Job, s) => { ran.push({ date: job.payload.date as string, at: s.clock.now().toISOString(), by }); };
    const schedule = { kind: 'morning-alert', at: '09:00', key: 'morning-alert:school-1', payload: { schoolId: 'school-1' } };
    // Both processes start and schedule the series at the same moment: one job.
    await Promise.all([scheduleDaily(t.database.db, t.clock.now(), schedule), scheduleDaily(t.database.db, t.clock.now(), schedule)]);
    expect(await statuses()).toHaveLength(1);

    for (const day of ['2026-10-24', '2026-10-25', '2026-10-26']) {
      t.clock.set(osloDateTime(day, '09:00'));
      await Promise.all([
        runDueJobs({ ...sys(), handlers: { 'morning-alert': handler('a') }, workerId: 'a' }),
        runDueJobs({ ...sys(), handlers: { 'morning-alert': handler('b') }, workerId: 'b' }),
      ]);
    }
    expect(ran.map((r) => [r.date, r.at])).toEqual([
      ['2026-10-24', '2026-10-24T07:00:00.000Z'],
      ['2026-10-25', '2026-10-25T08:00:00.000Z'],
      ['2026-10-26', '2026-10-26T08:00:00.000Z'],
    ]);
    const tomorrow = await findJobByKey(t.database.db, 'morning-alert:school-1:2026-10-27');
    expect(tomorrow).toMatchObject({ status: 'pending', payload: { schoolId: 'school-1', date: '2026-10-27' } });
  });

  it('still sends a morning alert the server was down for, late, when it starts again', async () => {
    t.clock.set('2026-11-23T05:00:00Z');
    await scheduleDaily(t.database.db, t.clock.now(), { kind: 'morning-alert', at: '09:00' });
    t.clock.set('2026-11-23T09:30:00Z'); // down from 08:00 to 10:30 Oslo time
    const ran: string[] = [];
    await startBackgroundJobs({ ...sys(), log: t.app.log }, { definitions: [{ kind: 'morning-alert', daily: { at: '09:00' }, handler: async (job) => { ran.push(job.payload.date as string); } }], pollMs: 10 })
      .then(async (w) => { while (ran.length === 0) await new Promise((r) => setTimeout(r, 10)); await w.stop(); });
    expect(ran).toEqual(['2026-11-23']);
    expect(await findJobByKey(t.database.db, 'morning-alert:2026-11-24')).toMatchObject({ status: 'pending' });
  });

  it('plans today\'s work when a new server first starts after its time, if the series catches up, and only once', async () => {
    t.clock.set('2026-11-23T09:00:00Z'); // 10:00 in Oslo; the planner's time, 00:05, has passed
    const planned: string[] = [];
    const definitions = [
      { kind: 'planner', daily: { at: '00:05', catchUp: true }, handler: async (job: Job) => { planned.push(job.payload.date as string); } },
      { kind: 'alert', daily: { at: '09:00' }, handler: async () => { throw new Error('not due today'); } },
    ];
    for (const workerId of ['first-start', 'restart']) {
      const w = await startBackgroundJobs({ ...sys(), log: t.app.log }, { definitions, pollMs: 10, workerId });
      while ((await findJobByKey(t.database.db, 'planner:2026-11-23'))?.status !== 'done') await new Promise((r) => setTimeout(r, 10));
      await w.stop();
    }
    expect(planned).toEqual(['2026-11-23']);
    expect(await findJobByKey(t.database.db, 'planner:2026-11-24')).toMatchObject({ status: 'pending' });
    expect(await findJobByKey(t.database.db, 'alert:2026-11-23')).toBeUndefined();
    expect(await findJobByKey(t.database.db, 'alert:2026-11-24')).toMatchObject({ status: 'pending' });
  });

  it('takes over the job of a worker that died, once its lease has run out, and ignores the dead worker afterwards', async () => {
    await enqueueJob(t.database.db, { kind: 'work', runAt: t.clock.now(), uniqueKey: 'w1' });
    const [taken] = await claimJobs(t.database.db, { kinds: ['work'], workerId: 'dead', now: t.clock.now(), leaseUntil: new Date(t.clock.now().getTime() + 60_000), limit: 1 });
    const ran: number[] = [];
    const handlers = { work: async (job: Job) => { ran.push(job.attempt); } };
    expect(await runDueJobs({ ...sys(), handlers, workerId: 'alive' })).toEqual([]); // the lease still holds
    t.clock.set(new Date(t.clock.now().getTime() + 61_000));
    expect((await runDueJobs({ ...sys(), handlers, workerId: 'alive' })).map((r) => r.outcome)).toEqual(['done']);
    expect(ran).toEqual([2]);
    // The dead worker's late "done" would be the first attempt's: refused.
    expect(await completeJob(t.database.db, taken!.id, 'dead', taken!.attempts, t.clock.now())).toBe(false);
  });

  it('retries a failing job with growing waits, then gives up and keeps the error', async () => {
    await enqueueJob(t.database.db, { kind: 'flaky', runAt: t.clock.now(), uniqueKey: 'f1', maxAttempts: 3 });
    const handlers = { flaky: async () => { throw new Error('SMS gateway answered 503'); } };
    const t0 = t.clock.now().getTime();
    const runAt = async (ms: number) => {
      t.clock.set(new Date(t0 + ms));
      return (await runDueJobs({ ...sys(), handlers, workerId: 'w' })).map((r) => r.outcome);
    };
    expect(await runAt(0)).toEqual(['retry']);
    expect(await runAt(29_999)).toEqual([]);
    expect(await runAt(30_000)).toEqual(['retry']);
    expect(await runAt(89_999)).toEqual([]);
    expect(await runAt(90_000)).toEqual(['failed']);
    expect(await findJobByKey(t.database.db, 'f1')).toMatchObject({ status: 'failed', attempts: 3, last_error: 'SMS gateway answered 503' });
  });

  it('lets a stopping server finish the job it is running', async () => {
    await enqueueJob(t.database.db, { kind: 'slow', runAt: t.clock.now(), uniqueKey: 's1' });
    let started!: () => void;
    const isRunning = new Promise<void>((r) => { started = r; });
    let finished = false;
    const w = startWorker({ ...sys(), handlers: { slow: async () => { started(); await new Promise((r) => setTimeout(r, 100)); finished = true; } }, workerId: 'w', pollMs: 10 });
    await isRunning;
    await w.stop();
    expect(finished).toBe(true);
    expect(await findJobByKey(t.database.db, 's1')).toMatchObject({ status: 'done' });
  });

  it('schedules the next occurrence today before the time, tomorrow after it', () => {
    expect(nextOccurrence(new Date('2026-11-23T07:59:00Z'), '09:00')).toEqual({ date: '2026-11-23', runAt: new Date('2026-11-23T08:00:00Z') });
    expect(nextOccurrence(new Date('2026-11-23T08:00:01Z'), '09:00')).toEqual({ date: '2026-11-24', runAt: new Date('2026-11-24T08:00:00Z') });
    // 23:30 UTC on the 23rd is already the 24th in Oslo.
    expect(nextOccurrence(new Date('2026-11-23T23:30:00Z'), '07:15')).toEqual({ date: '2026-11-24', runAt: new Date('2026-11-24T06:15:00Z') });
  });
});
