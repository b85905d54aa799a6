// Finds the actor behind the session cookie on every request, and sets or clears that cookie.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../core/http';
import { createActorCache } from '../access/actor-cache';
import { hashToken, type NewSession } from './auth.service';

export function registerSessionLoader(app: FastifyInstance): void {
  const actors = createActorCache(app.deps.database);
  app.addHook('onClose', async () => actors.close());
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await actors.find(hashToken(token), app.deps.clock.now());
    if (!found) return;
    request.session = found.session;
    request.actor = found.actor;
  });
}

/** Secure outside plain-http localhost; SameSite=Lax so the OIDC redirect back to us still carries it. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, session: NewSession): void {
  const url = new URL(app.deps.config.publicUrl);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
