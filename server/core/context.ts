import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/schema';
import type { Actor } from '../access/actor';

/** The clock is injected so deadlines (the 18th birthday, warnings, booking windows) can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every service function gets: the database, who is asking, a logger and the clock. */
export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
  log: FastifyBaseLogger;
  clock: Clock;
}

/** For work done by the system itself (start-up, seeding, jobs), where no person is asking. */
export interface SystemCtx {
  db: Kysely<DB>;
  log: FastifyBaseLogger;
  clock: Clock;
}
