import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { SESSION_COOKIE } from '../core/http';
import { loadConfig, ConfigError } from '../config';

const login = (t: TestApp, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', 'x-tillit-request': '1' }, payload: { username, password } });

describe('logging in with a local account', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('logs a guardian in with an HttpOnly, SameSite session cookie, and out again', async () => {
    const res = await login(t, 'kari.nordmann', 'tillit-demo');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const session = { cookie: cookie.value, csrfToken: res.json().csrfToken };
    expect((await t.get('/api/me', session)).json().person.givenName).toBe('Kari');
    expect((await t.send('POST', '/api/auth/logout', {}, session)).statusCode).toBe(200);
    expect((await t.get('/api/me', session)).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await login(t, 'kari.nordmann', 'not her password');
    const unknown = await login(t, 'nobody.here', 'not her password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db.selectFrom('users').select('password_hash').where('username', '=', 'kari.nordmann').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('ends a session when it expires', async () => {
    const session = await t.loginAs(t.demo.users.ole);
    expect((await t.get('/api/me', session)).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + (t.config.sessionDays + 1) * 86_400_000));
    expect((await t.get('/api/me', session)).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token, and changes nothing', async () => {
    const session = await t.loginAs(t.demo.users.ingrid);
    const noToken = await t.app.inject({ method: 'PUT', url: '/api/me/locale', headers: { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'content-type': 'application/json' }, payload: { locale: 'en' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const wrongToken = await t.send('PUT', '/api/me/locale', { locale: 'en' }, { ...session, csrfToken: 'forged' });
    expect(wrongToken.statusCode).toBe(403);
    expect((await t.get('/api/me', session)).json().locale).toBeNull();
    // After a reload the page gets its token back from the session.
    const again = (await t.get('/api/auth/session', session)).json();
    expect(again).toEqual({ loggedIn: true, csrfToken: session.csrfToken });
    // A browser without a session learns so without a refusal, so the login page logs no 401.
    expect((await t.get('/api/auth/session')).json()).toEqual({ loggedIn: false });
  });

  it('refuses a login form posted from another site (no custom header)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: { username: 'kari.nordmann', password: 'tillit-demo' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('slows down password guessing: after 10 tries a minute the answer is 429', async () => {
    const other = await createTestApp();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await login(other, 'kari.nordmann', `guess-${i}-wrong`)).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      const last = await login(other, 'kari.nordmann', 'tillit-demo');
      expect(last.statusCode).toBe(429);
      expect(last.json().error.code).toBe('rate_limited');
      // Another parent at the same school's address can still log in.
      expect((await login(other, 'per.nordmann', 'tillit-demo')).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('the demo login and the configuration', () => {
  it('is on for the embedded database and off for a PostgreSQL server unless asked for', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/tillit' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/tillit', TILLIT_DEMO: '1' }).demo).toBe(true);
  });

  it('lists every problem in the configuration by the variable to fix', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://nope', TILLIT_DEMO: 'yes', TILLIT_OIDC_FEIDE_ISSUER: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'TILLIT_DEMO', 'TILLIT_OIDC_<PROVIDER>']) expect(text).toContain(name);
    }
  });

  it('refuses the demo login when demo mode is off', async () => {
    const t = await createTestApp({ env: { TILLIT_DEMO: '0' } });
    try {
      const res = await t.send('POST', '/api/auth/demo', { userId: t.demo.users.kari });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('login_method_unavailable');
      expect((await t.get('/api/auth/methods')).json().demo).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('marks the cookie Secure when Tillit is served over https', async () => {
    const t = await createTestApp({ env: { TILLIT_PUBLIC_URL: 'https://tillit.example.no' } });
    try {
      const res = await login(t, 'kari.nordmann', 'tillit-demo');
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)!.secure).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('setting a password for a local account', () => {
  it('lets the person log in with the new password, and refuses a short one', async () => {
    const t = await createTestApp();
    try {
      const { setPassword } = await import('./auth.service');
      const sys = { db: t.database.db, clock: t.clock, log: t.app.log };
      await expect(setPassword(sys, 'ingrid.berg', 'kort')).rejects.toThrow(/at least 10 characters/);
      await expect(setPassword(sys, 'no.such.user', 'a long enough password')).rejects.toThrow(/No user named/);
      await setPassword(sys, 'Ingrid.Berg', 'a long enough password');
      expect((await login(t, 'ingrid.berg', 'a long enough password')).statusCode).toBe(200);
      expect((await login(t, 'ingrid.berg', 'tillit-demo')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});
