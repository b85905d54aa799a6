import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { latestVersion } from '../db/migrate';

describe('who I am and what my school looks like', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('tells a contact teacher which class she leads and which she teaches', async () => {
    const me = (await t.get('/api/me', await t.loginAs(t.demo.users.ingrid))).json();
    expect(me.person).toMatchObject({ givenName: 'Ingrid', familyName: 'Berg' });
    expect(me.isGuardian).toBe(false);
    expect(me.staff.map((s: { role: string; group: { name: string } }) => `${s.role}:${s.group.name}`).sort()).toEqual(['faglaerer:1A', 'kontaktlaerer:3A']);
  });

  it('shows the principal every class with its size and contact teacher, and the staff with their roles', async () => {
    const res = await t.get(`/api/schools/${t.demo.schools.solbakken}`, await t.loginAs(t.demo.users.marit));
    const body = res.json();
    expect(body.school.name).toBe('Solbakken skole');
    expect(body.groups.map((g: { name: string }) => g.name)).toEqual(['AKS 1–4', '1A', '3A', '5B', '7A']);
    const c3a = body.groups.find((g: { name: string }) => g.name === '3A');
    expect(c3a.studentCount).toBeGreaterThanOrEqual(9);
    expect(c3a.contactTeachers.map((c: { givenName: string }) => c.givenName)).toEqual(['Ingrid']);
    const eva = body.staff.find((s: { givenName: string }) => s.givenName === 'Eva');
    expect(eva.roles).toEqual(expect.arrayContaining([{ role: 'sosiallaerer', groupName: null }, { role: 'kontaktlaerer', groupName: '1A' }]));
    expect(res.body).not.toContain('Tor');
  });

  it("shows the owner's administrator the schools with their counts", async () => {
    const body = (await t.get(`/api/owners/${t.demo.ownerId}`, await t.loginAs(t.demo.users.anders))).json();
    expect(body.owner.name).toBe('Eksempel kommune');
    expect(body.schools.map((s: { name: string }) => s.name)).toEqual(['Fjellvang ungdomsskole', 'Solbakken skole']);
    for (const s of body.schools) expect(s.studentCount).toBeGreaterThan(0);
  });

  it('remembers the language a user picks, and refuses one Tillit does not have', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    expect((await t.send('PUT', '/api/me/locale', { locale: 'nn' }, kari)).statusCode).toBe(200);
    expect((await t.get('/api/me', kari)).json().locale).toBe('nn');
    const bad = await t.send('PUT', '/api/me/locale', { locale: 'xx' }, kari);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});

describe('the system routes', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('answers the health check with the database kind and migration version', async () => {
    const res = await t.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TILLIT_TEST_DB === 'postgres' ? 'postgres' : 'pglite', migrationVersion: latestVersion() });
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await t.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/me/children', '/api/groups/{groupId}/roster']));
  });

  it('answers an unknown API path with a not_found error body', async () => {
    const res = await t.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers a body that is not JSON with a 400 and keeps serving', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/me/locale', headers: { 'content-type': 'application/json', 'x-tillit-request': '1' }, payload: '{not json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect((await t.get('/api/health')).statusCode).toBe(200);
  });
});

describe('a request that fails unexpectedly', () => {
  it('answers 500 with a plain error body and keeps serving the next request', async () => {
    const { buildApp } = await import('../app');
    const { openDatabase } = await import('../db/database');
    const { migrate } = await import('../db/migrate');
    const { loadConfig } = await import('../config');
    const database = await openDatabase({ inMemory: true });
    await migrate(database);
    const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), clock: { now: () => new Date() } }, { logger: false });
    app.get('/api/test-crash', { config: { access: 'public' } }, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    try {
      const crash = await app.inject({ method: 'GET', url: '/api/test-crash' });
      expect(crash.statusCode).toBe(500);
      expect(crash.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
