import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MeResponse, OwnerOverviewResponse, OwnerParams, SchoolOverviewResponse, SchoolParams } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { readMe, readOwnerOverview, readSchoolOverview } from './org.service';

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
}
