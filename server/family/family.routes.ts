import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChildrenResponse } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { listMyChildren } from './family.service';

export default async function familyRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/me/children', {
    config: { access: 'user' },
    schema: { tags: ['family'], response: { 200: ChildrenResponse } },
  }, async (request) => ({ children: await listMyChildren(ctxOf(request)) }));
}
