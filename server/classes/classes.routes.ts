import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClassRosterResponse, ConfirmSituationResponse, GroupParams, StudentGuardianParams } from '@shared/contracts/people';
import { ctxOf } from '../core/http';
import { confirmFamilySituation, readGroupRoster } from './classes.service';

export default async function classesRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/groups/:groupId/roster', {
    config: { access: 'user' },
    schema: { tags: ['classes'], params: GroupParams, response: { 200: ClassRosterResponse } },
  }, async (request) => readGroupRoster(ctxOf(request), request.params.groupId));

  app.post('/api/students/:studentId/guardians/:guardianId/confirm-situation', {
    config: { access: 'user' },
    schema: { tags: ['classes'], params: StudentGuardianParams, response: { 200: ConfirmSituationResponse } },
  }, async (request) => confirmFamilySituation(ctxOf(request), request.params.studentId, request.params.guardianId));
}
