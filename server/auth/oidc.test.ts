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

const CLIENT_ID = 'tillit';
const CLIENT_SECRET = 'a-long-test-client-secret';

/** A real OpenID Connect provider on loopback that knows Tillit as a client with the given redirect URI. */
function startProvider(port: number, redirectUri: string): Server {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{
      client_id: CLIENT_ID, client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  });
  return provider.listen(port);
}

describe('logging in with Feide and ID-porten (OpenID Connect)', () => {
  let t: TestApp;
  let providers: Server[];
  let tillit: string;
  const tillitHost = () => new URL(tillit).host;

  beforeAll(async () => {
    const [feidePort, idportenPort, appPort] = [await freePort(), await freePort(), await freePort()];
    tillit = `http://127.0.0.1:${appPort}`;
    providers = [
      startProvider(feidePort, `${tillit}/api/auth/oidc/feide/callback`),
      startProvider(idportenPort, `${tillit}/api/auth/oidc/idporten/callback`),
    ];
    t = await createTestApp({
      env: {
        TILLIT_PUBLIC_URL: tillit,
        TILLIT_OIDC_FEIDE_ISSUER: `http://127.0.0.1:${feidePort}`, TILLIT_OIDC_FEIDE_CLIENT_ID: CLIENT_ID, TILLIT_OIDC_FEIDE_CLIENT_SECRET: CLIENT_SECRET,
        TILLIT_OIDC_IDPORTEN_ISSUER: `http://127.0.0.1:${idportenPort}`, TILLIT_OIDC_IDPORTEN_CLIENT_ID: CLIENT_ID, TILLIT_OIDC_IDPORTEN_CLIENT_SECRET: CLIENT_SECRET,
      },
    });
    await t.app.listen({ port: appPort, host: '127.0.0.1' });
    // ID-porten's subject is its own identifier for the person (not the national identity number).
    await t.database.db.insertInto('user_identities').values([
      { provider: 'feide', subject: 'ingrid@solbakken.no', user_id: t.demo.users.ingrid },
      { provider: 'idporten', subject: 'idporten-sub-kari-4f2a9c', user_id: t.demo.users.kari },
    ]).execute();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(providers.map((p) => new Promise((r) => p.close(r))));
  });

  const me = async (browser: Browser) => {
    const session = browser.cookie(tillitHost(), SESSION_COOKIE);
    expect(session).toBeTruthy();
    const headers = { cookie: `${SESSION_COOKIE}=${session}` };
    return {
      me: await (await fetch(`${tillit}/api/me`, { headers })).json(),
      children: await (await fetch(`${tillit}/api/me/children`, { headers })).json(),
    };
  };

  it('offers Feide and ID-porten on the login page once they are configured', async () => {
    expect((await t.get('/api/auth/methods')).json().oidc).toEqual(['feide', 'idporten']);
  });

  it('logs a teacher in with Feide, code + PKCE, and lands her on her home page', async () => {
    const browser = new Browser();
    const { url } = await browser.browse(`${tillit}/api/auth/oidc/feide/start`, 'ingrid@solbakken.no', (u) => u.origin === tillit && u.pathname === '/');
    expect(url.pathname).toBe('/');
    expect((await me(browser)).me.person).toMatchObject({ givenName: 'Ingrid', familyName: 'Berg' });
  });

  it('logs a guardian in with ID-porten and lands her as herself, with her own children', async () => {
    const browser = new Browser();
    const { url } = await browser.browse(`${tillit}/api/auth/oidc/idporten/start`, 'idporten-sub-kari-4f2a9c', (u) => u.origin === tillit && u.pathname === '/');
    expect(url.pathname).toBe('/');
    const { me: kari, children } = await me(browser);
    expect(kari.person).toMatchObject({ givenName: 'Kari', familyName: 'Nordmann' });
    expect(children.children.map((c: { student: { givenName: string } }) => c.student.givenName).sort()).toEqual(['Emma', 'Jonas']);
  });

  it('links a login per provider: the same subject from the other provider is not linked', async () => {
    const browser = new Browser();
    const { url } = await browser.browse(`${tillit}/api/auth/oidc/idporten/start`, 'ingrid@solbakken.no', (u) => u.origin === tillit && u.pathname === '/login');
    expect(url.searchParams.get('error')).toBe('oidc_not_linked');
    expect(browser.cookie(tillitHost(), SESSION_COOKIE)).toBeUndefined();
  });

  it('sends a person whose login is not linked back to the login page with the reason', async () => {
    for (const provider of ['feide', 'idporten']) {
      const browser = new Browser();
      const { url } = await browser.browse(`${tillit}/api/auth/oidc/${provider}/start`, 'stranger@elsewhere.no', (u) => u.origin === tillit && u.pathname === '/login');
      expect(url.searchParams.get('error'), provider).toBe('oidc_not_linked');
      expect(browser.cookie(tillitHost(), SESSION_COOKIE)).toBeUndefined();
    }
  });

  it('refuses a callback used twice, and a state it never issued', async () => {
    for (const provider of ['feide', 'idporten']) {
      const browser = new Browser();
      const subject = provider === 'feide' ? 'ingrid@solbakken.no' : 'idporten-sub-kari-4f2a9c';
      const { url: callback } = await browser.browse(`${tillit}/api/auth/oidc/${provider}/start`, subject, (u) => u.pathname.endsWith('/callback'));
      const first = await browser.request(callback);
      expect(first.headers.get('location'), provider).toBe('/');
      const replay = await new Browser().request(callback);
      expect(replay.headers.get('location'), provider).toBe('/login?error=oidc_failed');
      const forged = new URL(callback);
      forged.searchParams.set('state', 'made-up-state');
      expect((await new Browser().request(forged)).headers.get('location'), provider).toBe('/login?error=oidc_failed');
    }
  });

  it("refuses a callback that arrives at the other provider's address", async () => {
    const browser = new Browser();
    const { url: callback } = await browser.browse(`${tillit}/api/auth/oidc/idporten/start`, 'idporten-sub-kari-4f2a9c', (u) => u.pathname.endsWith('/callback'));
    const elsewhere = new URL(callback);
    elsewhere.pathname = '/api/auth/oidc/feide/callback';
    expect((await browser.request(elsewhere)).headers.get('location')).toBe('/login?error=oidc_failed');
    expect(browser.cookie(tillitHost(), SESSION_COOKIE)).toBeUndefined();
  });

  it('sends the PKCE challenge each provider requires', async () => {
    for (const provider of ['feide', 'idporten']) {
      const start = await fetch(`${tillit}/api/auth/oidc/${provider}/start`, { redirect: 'manual' });
      const auth = new URL(start.headers.get('location')!);
      expect(auth.searchParams.get('code_challenge_method'), provider).toBe('S256');
      expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(auth.searchParams.get('nonce')).toBeTruthy();
      expect(auth.searchParams.get('state')).toBeTruthy();
      expect(auth.searchParams.get('redirect_uri')).toBe(`${tillit}/api/auth/oidc/${provider}/callback`);
    }
  });
});
