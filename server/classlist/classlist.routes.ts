import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClassListResponse, SharingRequest, SharingResponse, StudentParams } from '@shared/contracts/class-list';
import { GroupParams } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { chooseMySharing, readClassList, readMySharing } from './classlist.service';

export default async function classListRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/groups/:groupId/class-list', {
    config: { access: 'user' },
    schema: { tags: ['class list'], params: GroupParams, response: { 200: ClassListResponse } },
  }, async (request) => readClassList(ctxOf(request), request.params.groupId));

  app.get('/api/me/children/:studentId/class-list-sharing', {
    config: { access: 'user' },
    schema: { tags: ['class list'], params: StudentParams, response: { 200: SharingResponse } },
  }, async (request) => readMySharing(ctxOf(request), request.params.studentId));

  app.put('/api/me/children/:studentId/class-list-sharing', {
    config: { access: 'user' },
    schema: { tags: ['class list'], params: StudentParams, body: SharingRequest, response: { 200: SharingResponse } },
  }, async (request) => chooseMySharing(ctxOf(request), request.params.studentId, request.body.fields));
}
