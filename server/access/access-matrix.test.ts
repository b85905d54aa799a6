// The access matrix: every route, asked by every kind of person, with the answer each must get.
// A forbidden read answers 401/404 with an error body and no data; the last test fails when a route exists
// that this matrix does not cover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';

type Who = 'anonymous' | 'kari' | 'per' | 'sara' | 'ali' | 'ingrid' | 'nils' | 'ole' | 'marit' | 'anders' | 'tor' | 'hanne';

interface Case {
  route: string; // "METHOD /pattern" as registered
  url: (t: TestApp) => string;
  body?: unknown;
  expect: Partial<Record<Who, number>>;
}

const cases: Case[] = [
  { route: 'GET /api/health', url: () => '/api/health', expect: { anonymous: 200 } },
  { route: 'GET /api/openapi.json', url: () => '/api/openapi.json', expect: { anonymous: 200 } },
  { route: 'GET /api/auth/methods', url: () => '/api/auth/methods', expect: { anonymous: 200 } },
  { route: 'GET /api/auth/demo', url: () => '/api/auth/demo', expect: { anonymous: 200 } },
  { route: 'POST /api/auth/demo', url: () => '/api/auth/demo', body: { userId: '00000000-0000-4000-8000-000000000000' }, expect: { anonymous: 404 } },
  { route: 'POST /api/auth/login', url: () => '/api/auth/login', body: { username: 'nobody', password: 'wrong-password' }, expect: { anonymous: 401 } },
  { route: 'GET /api/auth/oidc/:provider/start', url: () => '/api/auth/oidc/feide/start', expect: { anonymous: 404 } },
  { route: 'GET /api/auth/oidc/:provider/callback', url: () => '/api/auth/oidc/feide/callback?state=x&code=y', expect: { anonymous: 302 } },
  { route: 'GET /api/auth/session', url: () => '/api/auth/session', expect: { anonymous: 401, kari: 200 } },
  { route: 'POST /api/auth/logout', url: () => '/api/auth/logout', body: {}, expect: { anonymous: 401 } },
  { route: 'PUT /api/me/locale', url: () => '/api/me/locale', body: { locale: 'en' }, expect: { anonymous: 401, kari: 200, ingrid: 200 } },
  { route: 'GET /api/me', url: () => '/api/me', expect: { anonymous: 401, kari: 200, per: 200, ingrid: 200, marit: 200, anders: 200 } },
  { route: 'GET /api/me/children', url: () => '/api/me/children', expect: { anonymous: 401, kari: 200, per: 200, tor: 200 } },
  // A teacher sees only their own groups; leaders their own school; nobody another school's.
  { route: 'GET /api/groups/:groupId/roster', url: (t) => `/api/groups/${t.demo.groups['3A']}/roster`,
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 200, nils: 404, ole: 404, marit: 200, anders: 404, tor: 404, hanne: 404 } },
  { route: 'GET /api/groups/:groupId/roster', url: (t) => `/api/groups/${t.demo.groups['1A']}/roster`, expect: { ingrid: 200, nils: 404 } },
  { route: 'GET /api/groups/:groupId/roster', url: (t) => `/api/groups/${t.demo.groups.aks}/roster`, expect: { ole: 200, ingrid: 404 } },
  { route: 'GET /api/groups/:groupId/roster', url: (t) => `/api/groups/${t.demo.groups['9A']}/roster`, expect: { tor: 200, ingrid: 404, marit: 404 } },
  { route: 'GET /api/schools/:schoolId', url: (t) => `/api/schools/${t.demo.schools.solbakken}`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 200, anders: 200, tor: 404 } },
  { route: 'GET /api/schools/:schoolId', url: (t) => `/api/schools/${t.demo.schools.fjellvang}`, expect: { marit: 404, anders: 200 } },
  { route: 'GET /api/owners/:ownerId', url: (t) => `/api/owners/${t.demo.ownerId}`, expect: { anonymous: 401, kari: 404, marit: 404, anders: 200 } },
  { route: 'GET /api/groups/:groupId/class-list', url: (t) => `/api/groups/${t.demo.groups['3A']}/class-list`,
    expect: { anonymous: 401, kari: 200, per: 404, sara: 404, ingrid: 200, nils: 404, marit: 404, tor: 404 } },
  { route: 'GET /api/groups/:groupId/class-list', url: (t) => `/api/groups/${t.demo.groups['7A']}/class-list`, expect: { kari: 200, per: 404 } },
  { route: 'GET /api/me/children/:studentId/class-list-sharing', url: (t) => `/api/me/children/${t.demo.people.emma}/class-list-sharing`,
    expect: { anonymous: 401, kari: 200, per: 404, sara: 404, ingrid: 404 } },
  { route: 'GET /api/me/children/:studentId/class-list-sharing', url: (t) => `/api/me/children/${t.demo.people.jonas}/class-list-sharing`, expect: { per: 404, kari: 200 } },
  { route: 'PUT /api/me/children/:studentId/class-list-sharing', url: (t) => `/api/me/children/${t.demo.people.emma}/class-list-sharing`,
    body: { fields: [] }, expect: { anonymous: 401, kari: 200, per: 404, ali: 404, ingrid: 404 } },
];

describe('the access matrix', () => {
  let t: TestApp;
  const sessions = new Map<Who, Session | undefined>();
  beforeAll(async () => {
    t = await createTestApp();
    sessions.set('anonymous', undefined);
    for (const who of ['kari', 'per', 'sara', 'ali', 'ingrid', 'nils', 'ole', 'marit', 'anders', 'tor', 'hanne'] as const) {
      sessions.set(who, await t.loginAs(t.demo.users[who]));
    }
  });
  afterAll(async () => { await t.close(); });

  for (const c of cases) {
    for (const [who, status] of Object.entries(c.expect) as [Who, number][]) {
      it(`answers ${c.route} for ${who} with ${status}`, async () => {
        const [method] = c.route.split(' ') as ['GET' | 'POST' | 'PUT'];
        const session = sessions.get(who);
        const url = c.url(t);
        const res = method === 'GET' ? await t.get(url, session) : await t.send(method, url, c.body, session);
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
