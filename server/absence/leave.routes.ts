import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as c from '@shared/contracts/absence';
import { ctxOf } from '../core/http';
import * as leave from './leave.service';

export default async function leaveRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'user' as const };
  const tags = ['leave'];

  app.post('/api/leave', { config, schema: { tags, body: c.ApplyLeaveRequest, response: { 200: c.LeaveApplicationView } } },
    async (req) => leave.applyForLeave(ctxOf(req), req.body));

  app.get('/api/leave', { config, schema: { tags, querystring: c.LeaveListQuery, response: { 200: c.LeaveListResponse } } },
    async (req) => ({ applications: await leave.listLeave(ctxOf(req), req.query.status) }));

  app.get('/api/leave/:applicationId', { config, schema: { tags, params: c.LeaveParams, response: { 200: c.LeaveApplicationView } } },
    async (req) => leave.getLeave(ctxOf(req), req.params.applicationId));

  app.post('/api/leave/:applicationId/withdraw', { config, schema: { tags, params: c.LeaveParams, response: { 200: c.LeaveApplicationView } } },
    async (req) => leave.withdrawLeave(ctxOf(req), req.params.applicationId));

  app.post('/api/leave/:applicationId/decision', { config, schema: { tags, params: c.LeaveParams, body: c.DecideLeaveRequest, response: { 200: c.LeaveApplicationView } } },
    async (req) => leave.decideLeave(ctxOf(req), req.params.applicationId, req.body));
}
