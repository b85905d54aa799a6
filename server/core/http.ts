// The HTTP plumbing every module's routes share: who is asking (session cookie), CSRF,
// the one error handler, and the rule that every route declares who may reach it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, FieldIssue, FieldIssueCode } from '@shared/errors';
import { ERROR_STATUS, isFieldIssueCode } from '@shared/errors';
import { AppError } from './errors';
import type { Ctx, Clock } from './context';
import type { Actor } from '../access/actor';
import type { Database } from '../db/database';
import type { Config } from '../config';

/** Who may reach a route at all; what they may do there is decided by the module's policy in the service. */
export type RouteAccess = 'public' | 'user';

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
}

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** Every route registered, for the access-matrix test. */
    routeTable: { method: string; url: string; access: RouteAccess }[];
  }
}

export const SESSION_COOKIE = 'tillit_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Requests without a session (login) must carry this header; a cross-site form cannot add it. */
export const ANON_CSRF_HEADER = 'x-tillit-request';

/** The service context for a request that passed the 'user' access check. */
export function ctxOf(request: FastifyRequest): Ctx {
  const { actor } = request;
  if (!actor) throw new AppError('not_authenticated');
  const { database, clock } = request.server.deps;
  return { db: database.db, actor, log: request.log, clock };
}

export function registerAccessControl(app: FastifyInstance): void {
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} must declare config.access ('public' or 'user')`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access });
    }
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // Before validation, so a stranger learns nothing from validation errors.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (access === 'user' && !request.actor) throw new AppError('not_authenticated', 'You are not logged in');
    if (!unsafe) return;
    if (request.session) {
      if (request.headers[CSRF_HEADER] !== request.session.csrfToken) throw new AppError('csrf_failed', 'Missing or wrong CSRF token');
    } else if (!request.headers[ANON_CSRF_HEADER]) {
      throw new AppError('csrf_failed', `Missing ${ANON_CSRF_HEADER} header`);
    }
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message, err.issues);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: FieldIssue[] = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        code: issueCode(v.keyword, v.params),
        message: v.message ?? 'invalid',
      }));
      return sendError(reply, 'validation_failed', 'The request is not valid', issues);
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return sendError(reply, 'rate_limited', 'Too many attempts, wait a moment');
    if (status === 413) return sendError(reply, 'payload_too_large', 'The request body is too large');
    if (status === 415) return sendError(reply, 'unsupported_media_type', 'Send the request body as application/json');
    if (status && status >= 400 && status < 500 && !isResponseSerializationError(err)) {
      return sendError(reply, status === 404 ? 'not_found' : 'validation_failed', (err as Error).message);
    }
    request.log.error({ err }, 'request failed');
    return sendError(reply, 'internal', 'Something went wrong on our side');
  });
}

/**
 * zod's issue code, or the code a refinement names itself (`params: { code: 'before_from' }`), so the web can show
 * the problem in the reader's language; anything else a refinement says is a plain `custom` issue. An empty
 * required text or choice (zod 4's too_small with `minimum: 1`, `origin` 'string' or 'array') is `required` or
 * `choose_one`, so the reader is told to fill it in or to choose, not that it is "too short".
 */
export function issueCode(keyword: string, params: Record<string, unknown> | undefined): FieldIssueCode {
  const own = (params?.params as { code?: unknown } | undefined)?.code;
  if (keyword === 'custom' && isFieldIssueCode(own)) return own;
  if (keyword === 'too_small' && params?.minimum === 1) {
    if (params.origin === 'string') return 'required';
    if (params.origin === 'array' || params.origin === 'set') return 'choose_one';
  }
  return isFieldIssueCode(keyword) ? keyword : 'custom';
}

export function sendError(reply: FastifyReply, code: keyof typeof ERROR_STATUS, message: string, issues?: FieldIssue[]) {
  const body: ErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  return reply.status(ERROR_STATUS[code]).send(body);
}

/**
 * Whether a client takes a gzip-compressed body, by its Accept-Encoding (RFC 9110 12.5.3): gzip (or x-gzip) or
 * `*` with a weight above 0, where an explicit `gzip;q=0` refuses it whatever `*` says. Not @fastify/static's
 * accept-negotiator (2.1.2): it lets `*, gzip;q=0` through as gzip and does not know `GZIP` or `x-gzip`.
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let star = false;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'gzip' || name === 'x-gzip') return weight > 0;
    if (name === '*') star = weight > 0;
  }
  return star;
}
