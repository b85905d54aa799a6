import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MeResponse, OwnerOverviewResponse, OwnerParams, OwnerSettings, SchoolOverviewResponse, SchoolParams } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { readMe, readOwnerOverview, readOwnerSettings, readSchoolOverview, setOwnerSettings } from './org.service';

export default async function orgRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/me', {
    config: { access: 'user' },
    schema: { tags: ['org'], response: { 200: MeResponse } },
  }, async (request) => readMe(ctxOf(request)));

  app.get('/api/schools/:schoolId', {
    config: { access: 'user' },
    schema: { tags: ['org'], params: SchoolParams, response: { 200: SchoolOverviewResponse } },
  }, async (request) => readSchoolOverview(ctxOf(request), request.params.schoolId));

  app.get('/api/owners/:ownerId', {
    config: { access: 'user' },
    schema: { tags: ['org'], params: OwnerParams, response: { 200: OwnerOverviewResponse } },
  }, async (request) => readOwnerOverview(ctxOf(request), request.params.ownerId));

  app.get('/api/owners/:ownerId/settings', {
    config: { access: 'user' },
    schema: { tags: ['org'], params: OwnerParams, response: { 200: OwnerSettings } },
  }, async (request) => readOwnerSettings(ctxOf(request), request.params.ownerId));

  app.put('/api/owners/:ownerId/settings', {
    config: { access: 'user' },
    schema: { tags: ['org'], params: OwnerParams, body: OwnerSettings, response: { 200: OwnerSettings } },
  }, async (request) => setOwnerSettings(ctxOf(request), request.params.ownerId, request.body));
}
