import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SchoolReachResponse } from '@shared/contracts/messaging';
import { SchoolParams } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { readSchoolReach } from './reach.service';

// The class views (GET /api/groups/:groupId/reach and …/positive-contact) are registered in announcements.routes.ts.
export default async function reachRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();

  app.get('/api/schools/:schoolId/reach', {
    config: { access: 'user' },
    schema: { tags: ['reach'], params: SchoolParams, response: { 200: SchoolReachResponse } },
  }, async (req) => readSchoolReach(ctxOf(req), req.params.schoolId));
}
