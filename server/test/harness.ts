// Each test file gets its own copy of the migrated demo database and an in-process app on it.
// Requests go through the real HTTP stack (fastify.inject): routes, validation, sessions, policies, SQL.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { Clock } from '../core/context';
import type { DemoSchool } from '../seed/demo';
import { CSRF_HEADER, SESSION_COOKIE } from '../core/http';
import { createSession } from '../auth/auth.service';
import { TEST_NOW, TEMPLATE_DB, templatePaths } from './paths';
import { withDatabase } from './global-setup';

export { TEST_NOW };

export interface TestClock extends Clock {
  set(instant: Date | string): void;
}

export function testClock(start: Date = TEST_NOW): TestClock {
  let current = start;
  return { now: () => current, set: (i) => { current = new Date(i); } };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  demo: DemoSchool;
  clock: TestClock;
  config: Config;
  /** A session for this user, made by the same service function every login ends in. */
  loginAs(userId: string): Promise<Session>;
  get(url: string, session?: Session): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body: unknown, session?: Session): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const { dump } = templatePaths();
  if (process.env.TILLIT_TEST_DB !== 'postgres') {
    const database = await openDatabase({ inMemory: true, loadDataDir: new Blob([readFileSync(dump)]) });
    return { database, drop: async () => {} };
  }
  const url = process.env.TILLIT_TEST_PG_URL!;
  const name = `tillit_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(url, name) });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(options: { env?: Record<string, string>; clock?: TestClock } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const demo = JSON.parse(readFileSync(templatePaths().demoJson, 'utf8')) as DemoSchool;
  const clock = options.clock ?? testClock();
  const config = loadConfig({ TILLIT_DEMO: '1', LOG_LEVEL: 'silent', TILLIT_DATA_DIR: '.tmp/unused', ...options.env });
  const app = await buildApp({ database, config, clock }, { logger: false });
  await app.ready();

  const headers = (session?: Session, body = false): Record<string, string> => ({
    ...(session ? { cookie: `${SESSION_COOKIE}=${session.cookie}`, [CSRF_HEADER]: session.csrfToken } : { 'x-tillit-request': '1' }),
    ...(body ? { 'content-type': 'application/json' } : {}),
  });

  return {
    app, database, demo, clock, config,
    async loginAs(userId) {
      const session = await createSession({ db: database.db, clock, log: app.log }, config, userId);
      return { cookie: session.token, csrfToken: session.csrfToken };
    },
    get: (url, session) => app.inject({ method: 'GET', url, headers: headers(session) }),
    send: (method, url, body, session) =>
      body === undefined
        ? app.inject({ method, url, headers: headers(session) })
        : app.inject({ method, url, headers: headers(session, true), payload: JSON.stringify(body) }),
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
