// Builds the HTTP application from its parts. Tests call buildApp() and speak to it in-process;
// main.ts adds the real database, the clock and a port.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccessControl, registerErrorHandler, sendError, type AppDeps } from './core/http';
import { registerSessionLoader } from './auth/session';
import { currentVersion } from './db/migrate';
import { registerSecurityHeaders } from './core/security-headers';
import { documentIdempotencyKey, registerIdempotency } from './core/idempotency';

export const WEB_DIST = path.join(import.meta.dirname, '..', 'dist', 'web');

export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerAccessControl(app);
  registerIdempotency(app);
  registerSecurityHeaders(app);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tillit API', description: 'Home–school cooperation for Norwegian schools', version: '0.1.0' },
    },
    transform: (args) => documentIdempotencyKey(args.route, jsonSchemaTransform(args)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  registerSessionLoader(app);

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), migrationVersion: z.number().int() }) },
    },
  }, async () => ({ status: 'ok' as const, database: deps.database.kind, migrationVersion: await currentVersion(deps.database) }));
  api.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const plugin of await loadRoutePlugins()) await app.register(plugin);

  const web = existsSync(WEB_DIST);
  if (web) {
    await app.register(fastifyStatic, {
      root: WEB_DIST, wildcard: false,
      // The build writes each asset brotli- and gzip-compressed beside it (scripts/precompress.ts).
      preCompressed: true,
      // Vite names each built asset by a hash of its content, so a phone keeps it until a new build names another
      // one and does not ask for it on every page; the page itself is asked for each time, so a new build shows at once.
      setHeaders: (reply, file) => { reply.header('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'); },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other page path gets index.html.
    if (web && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendError(reply, 'not_found', `No route ${request.method} ${request.url}`);
  });
  return app;
}

/**
 * Each module's routes live in server/<module>/<module>.routes.ts with a default-exported plugin.
 * They are found by name, so adding a module never means editing a shared list.
 */
async function loadRoutePlugins(): Promise<FastifyPluginAsync[]> {
  const files = readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.routes.ts'))
    .sort();
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(path.join(import.meta.dirname, f)).href) as Promise<{ default: FastifyPluginAsync }>));
  return modules.map((m, i) => {
    if (typeof m.default !== 'function') throw new Error(`${files[i]} must default-export its routes plugin`);
    return m.default;
  });
}
