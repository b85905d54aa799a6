import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as contract from '@shared/contracts/auth';
import * as auth from './auth.service';
import { ctxOf } from '../core/http';
import { clearSessionCookie, setSessionCookie } from './session';
import type { SystemCtx } from '../core/context';
import type { OidcProviderName } from '../config';

const Ok = z.object({ ok: z.literal(true) });

export default async function authRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const sys = (log: SystemCtx['log']): SystemCtx => ({ db: app.deps.database.db, clock: app.deps.clock, log });
  // Password guessing is limited per address and username, after the body is parsed; the other login
  // steps per address, generously, since a whole school may sit behind one address.
  const passwordLimit = {
    rateLimit: {
      max: 10,
      timeWindow: '1 minute',
      hook: 'preHandler' as const,
      keyGenerator: (req: { ip: string; body?: unknown }) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
    },
  };
  const loginLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get('/api/auth/methods', {
    config: { access: 'public' },
    schema: { tags: ['auth'], response: { 200: contract.LoginMethodsResponse } },
  }, async () => ({
    demo: config.demo,
    password: true,
    oidc: (Object.keys(config.oidc) as OidcProviderName[]).filter((p) => config.oidc[p]),
  }));

  app.post('/api/auth/login', {
    config: { access: 'public', ...passwordLimit },
    schema: { tags: ['auth'], body: contract.LoginRequest, response: { 200: contract.SessionResponse } },
  }, async (request, reply) => {
    const session = await auth.loginWithPassword(sys(request.log), config, request.body);
    setSessionCookie(app, reply, session);
    return { csrfToken: session.csrfToken };
  });

  app.get('/api/auth/demo', {
    config: { access: 'public' },
    schema: { tags: ['auth'], response: { 200: contract.DemoPersonasResponse } },
  }, async (request) => ({ personas: await auth.listDemoPersonas(sys(request.log), config) }));

  app.post('/api/auth/demo', {
    config: { access: 'public', ...loginLimit },
    schema: { tags: ['auth'], body: contract.DemoLoginRequest, response: { 200: contract.SessionResponse } },
  }, async (request, reply) => {
    const session = await auth.loginAsDemoPersona(sys(request.log), config, request.body.userId);
    setSessionCookie(app, reply, session);
    return { csrfToken: session.csrfToken };
  });

  app.get('/api/auth/oidc/:provider/start', {
    config: { access: 'public', ...loginLimit },
    schema: { tags: ['auth'], params: contract.OidcProviderParams },
  }, async (request, reply) => {
    const url = await auth.startOidcLogin(sys(request.log), config, request.params.provider);
    return reply.redirect(url, 302);
  });

  app.get('/api/auth/oidc/:provider/callback', {
    config: { access: 'public', ...loginLimit },
    schema: { tags: ['auth'], params: contract.OidcProviderParams },
  }, async (request, reply) => {
    const callbackUrl = new URL(request.url, config.publicUrl);
    try {
      const session = await auth.finishOidcLogin(sys(request.log), config, request.params.provider, callbackUrl);
      setSessionCookie(app, reply, session);
      return reply.redirect('/', 302);
    } catch (err) {
      // The browser arrived here by redirect: send the person to the login page with a reason it can show.
      const code = (err as { code?: string }).code ?? 'oidc_failed';
      request.log.warn({ err }, 'oidc login failed');
      return reply.redirect(`/login?error=${encodeURIComponent(code)}`, 302);
    }
  });

  app.get('/api/auth/session', {
    config: { access: 'public' },
    schema: { tags: ['auth'], response: { 200: contract.SessionStateResponse } },
  }, async (request) => (request.session ? { loggedIn: true as const, csrfToken: request.session.csrfToken } : { loggedIn: false as const }));

  app.post('/api/auth/logout', {
    config: { access: 'user' },
    schema: { tags: ['auth'], response: { 200: Ok } },
  }, async (request, reply) => {
    await auth.logout(sys(request.log), request.session!.tokenHash);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.put('/api/me/locale', {
    config: { access: 'user' },
    schema: { tags: ['auth'], body: contract.LocaleRequest, response: { 200: Ok } },
  }, async (request) => {
    await auth.setMyLocale(ctxOf(request), request.body.locale);
    return { ok: true as const };
  });
}
