// The access matrix: every route, asked by every kind of person, with the answer each must get.
// A forbidden read answers 401/404 with an error body and no data; the last test fails when a route exists
// that this matrix does not cover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import type { AccessCase, AccessSetup, Made, Who } from './matrix';

// Every module's rows, found by file name so that a new module adds its own file.
const modules = Object.values(import.meta.glob<{ accessCases: AccessCase[]; accessSetup?: AccessSetup }>('../**/*.access.ts', { eager: true }));
const cases: AccessCase[] = modules.flatMap((m) => m.accessCases);

describe('the access matrix', () => {
  let t: TestApp;
  const sessions = new Map<Who, Session | undefined>();
  const made: Made = {};
  beforeAll(async () => {
    t = await createTestApp();
    sessions.set('anonymous', undefined);
    for (const who of ['kari', 'per', 'sara', 'ali', 'ingrid', 'nils', 'ole', 'marit', 'anders', 'tor', 'hanne'] as const) {
      sessions.set(who, await t.loginAs(t.demo.users[who]));
    }
    for (const m of modules) Object.assign(made, await m.accessSetup?.(t, (who) => sessions.get(who)!));
  });
  afterAll(async () => { await t.close(); });

  for (const c of cases) {
    for (const [who, status] of Object.entries(c.expect) as [Who, number][]) {
      it(`answers ${c.route} for ${who} with ${status}`, async () => {
        const [method] = c.route.split(' ') as ['GET' | 'POST' | 'PUT'];
        const session = sessions.get(who);
        const url = c.url(t, made);
        const body: unknown = typeof c.body === 'function' ? (c.body as (m: Made) => unknown)(made) : c.body;
        const res = method === 'GET' ? await t.get(url, session) : await t.send(method, url, body, session);
        expect(res.statusCode).toBe(status);
        if (status === 401 || status === 403 || status === 404) {
          // A refusal carries an error and nothing else: no names, no contact details.
          expect(Object.keys(res.json())).toEqual(['error']);
          expect(res.body).not.toMatch(/Nordmann|Ahmed|Berg|Solheim|@example\.no/);
        }
      });
    }
  }

  it('covers every route the server has', () => {
    const covered = new Set(cases.map((c) => c.route));
    const routes = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !covered.has(r));
    expect(missing, 'routes missing from the access matrix').toEqual([]);
    const stale = [...covered].filter((r) => !routes.includes(r));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);
  });
});
