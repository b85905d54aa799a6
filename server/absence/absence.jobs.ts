// The absence module's background work on the durable job queue (server/jobs): each day shortly after midnight,
// every school's morning check is queued at the school's own time; each check runs once per school and day.
import type { JobDefinition } from '../jobs/background';
import { MORNING_CHECK_JOB, PLAN_CHECKS_JOB, planMorningChecks, runMorningAbsenceCheck } from './morning-check.service';

export const jobs: JobDefinition[] = [
  {
    kind: PLAN_CHECKS_JOB,
    daily: { at: '00:05' },
    handler: async (job, sys) => { await planMorningChecks(sys, job.payload.date as string); },
  },
  {
    kind: MORNING_CHECK_JOB,
    handler: async (job, sys) => { await runMorningAbsenceCheck(sys, job.payload.schoolId as string, job.payload.date as string); },
  },
];
