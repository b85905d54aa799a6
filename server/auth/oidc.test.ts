// Login through a real OpenID Connect provider (oidc-provider on loopback), as Feide and ID-porten work:
// authorization code with PKCE, state and nonce, the browser's part scripted with fetch and a cookie jar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { Server } from 'node:http';
import { Provider } from 'oidc-provider';
import { createTestApp, type TestApp } from '../test/harness';
import { SESSION_COOKIE } from '../core/http';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Follows redirects like a browser, keeping cookies per host and submitting the provider's dev forms. */
class Browser {
  private jar = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    this.jar.set(url.host, cookies);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader(url) } });
    this.keep(url, res);
    return res;
  }

  /** Goes to a URL and on through redirects and forms until `stop` says the URL is where we wanted to be. */
  async browse(start: string, login: string, stop: (url: URL) => boolean): Promise<{ url: URL; res: Response }> {
    let url = new URL(start);
    let res = await this.request(url);
    for (let step = 0; step < 20; step++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        if (stop(url)) return { url, res };
        res = await this.request(url);
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`stuck at ${url} (${res.status}): ${html.slice(0, 300)}`);
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      url = new URL(action.replace(/&amp;/g, '&'), url);
      res = await this.request(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    throw new Error('too many steps');
  }
}

describe('logging in with Feide (OpenID Connect)', () => {
  let t: TestApp;
  let providerServer: Server;
  let tillit: string;

  beforeAll(async () => {
    const [opPort, appPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${opPort}`;
    tillit = `http://127.0.0.1:${appPort}`;
    const provider = new Provider(issuer, {
      clients: [{
        client_id: 'tillit', client_secret: 'a-long-test-client-secret',
        redirect_uris: [`${tillit}/api/auth/oidc/feide/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      }],
      pkce: { required: () => true },
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    });
    providerServer = provider.listen(opPort);
    t = await createTestApp({
      env: { TILLIT_PUBLIC_URL: tillit, TILLIT_OIDC_FEIDE_ISSUER: issuer, TILLIT_OIDC_FEIDE_CLIENT_ID: 'tillit', TILLIT_OIDC_FEIDE_CLIENT_SECRET: 'a-long-test-client-secret' },
    });
    await t.app.listen({ port: appPort, host: '127.0.0.1' });
    await t.database.db.insertInto('user_identities').values({ provider: 'feide', subject: 'ingrid@solbakken.no', user_id: t.demo.users.ingrid }).execute();
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => providerServer.close(r));
  });

  it('offers Feide on the login page once it is configured', async () => {
    expect((await t.get('/api/auth/methods')).json().oidc).toEqual(['feide']);
  });

  it('logs a teacher in with code + PKCE and lands her on her home page', async () => {
    const browser = new Browser();
    const { url } = await browser.browse(`${tillit}/api/auth/oidc/feide/start`, 'ingrid@solbakken.no', (u) => u.origin === tillit && u.pathname === '/');
    expect(url.pathname).toBe('/');
    const session = browser.cookie(new URL(tillit).host, SESSION_COOKIE);
    expect(session).toBeTruthy();
    const me = await fetch(`${tillit}/api/me`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    expect((await me.json()).person).toMatchObject({ givenName: 'Ingrid', familyName: 'Berg' });
  });

  it('sends a person whose login is not linked back to the login page with the reason', async () => {
    const browser = new Browser();
    const { url } = await browser.browse(`${tillit}/api/auth/oidc/feide/start`, 'stranger@elsewhere.no', (u) => u.origin === tillit && u.pathname === '/login');
    expect(url.searchParams.get('error')).toBe('oidc_not_linked');
    expect(browser.cookie(new URL(tillit).host, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a callback used twice, and a state it never issued', async () => {
    const browser = new Browser();
    const { url: callback } = await browser.browse(`${tillit}/api/auth/oidc/feide/start`, 'ingrid@solbakken.no', (u) => u.pathname.endsWith('/callback'));
    const first = await browser.request(callback);
    expect(first.headers.get('location')).toBe('/');
    const replay = await new Browser().request(callback);
    expect(replay.headers.get('location')).toBe('/login?error=oidc_failed');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'made-up-state');
    expect((await new Browser().request(forged)).headers.get('location')).toBe('/login?error=oidc_failed');
  });

  it('sends the PKCE challenge the provider requires', async () => {
    const start = await fetch(`${tillit}/api/auth/oidc/feide/start`, { redirect: 'manual' });
    const auth = new URL(start.headers.get('location')!);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('state')).toBeTruthy();
  });
});
