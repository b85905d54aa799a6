import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as c from '@shared/contracts/absence';
import { ctxOf } from '../core/http';
import * as reports from './reports.service';
import * as attendance from './attendance.service';
import * as followups from './followups.service';
import * as overview from './overview.service';
import * as settings from './settings.service';
import * as documentation from './documentation.service';

export default async function absenceRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'user' as const };
  const tags = ['absence'];

  app.post('/api/absence/reports', { config, schema: { tags, body: c.ReportAbsenceRequest, response: { 200: c.ReportAbsenceResponse } } },
    async (req) => reports.reportAbsence(ctxOf(req), req.body));

  app.put('/api/absence/reports/:reportId', { config, schema: { tags, params: c.ReportParams, body: c.CorrectAbsenceRequest, response: { 200: c.AbsenceReportView } } },
    async (req) => reports.correctReport(ctxOf(req), req.params.reportId, req.body));

  app.post('/api/absence/reports/:reportId/withdraw', { config, schema: { tags, params: c.ReportParams, response: { 200: c.AbsenceReportView } } },
    async (req) => reports.withdrawReport(ctxOf(req), req.params.reportId));

  app.get('/api/students/:studentId/absence', { config, schema: { tags, params: c.StudentParams, querystring: c.PeriodQuery, response: { 200: c.StudentAbsenceResponse } } },
    async (req) => overview.studentAbsence(ctxOf(req), req.params.studentId, req.query));

  app.get('/api/students/:studentId/absence/subjects', { config, schema: { tags, params: c.StudentParams, querystring: c.PeriodQuery, response: { 200: c.SubjectAbsenceResponse } } },
    async (req) => overview.subjectAbsence(ctxOf(req), req.params.studentId, req.query));

  app.post('/api/students/:studentId/absence/documentation', { config, schema: { tags, params: c.StudentParams, body: c.DocumentAbsenceRequest, response: { 200: c.SubjectAbsenceResponse } } },
    async (req) => documentation.documentAbsence(ctxOf(req), req.params.studentId, req.body));

  app.post('/api/absence/documentation/:documentationId/withdraw', { config, schema: { tags, params: c.DocumentationParams, response: { 200: c.SubjectAbsenceResponse } } },
    async (req) => documentation.withdrawDocumentation(ctxOf(req), req.params.documentationId));

  app.get('/api/groups/:groupId/attendance', { config, schema: { tags, params: c.GroupParams, querystring: c.AttendanceQuery, response: { 200: c.AttendanceResponse } } },
    async (req) => attendance.getAttendance(ctxOf(req), req.params.groupId, req.query.date, req.query.period));

  app.put('/api/groups/:groupId/attendance', { config, schema: { tags, params: c.GroupParams, body: c.SaveAttendanceRequest, response: { 200: c.AttendanceResponse } } },
    async (req) => attendance.saveAttendance(ctxOf(req), req.params.groupId, req.body));

  app.get('/api/groups/:groupId/absence/overview', { config, schema: { tags, params: c.GroupParams, querystring: c.OverviewQuery, response: { 200: c.OverviewResponse } } },
    async (req) => overview.groupOverview(ctxOf(req), req.params.groupId, { ...req.query, worryingOnly: req.query.worryingOnly === 'true' }));

  app.get('/api/schools/:schoolId/absence/overview', { config, schema: { tags, params: c.SchoolParams, querystring: c.OverviewQuery, response: { 200: c.OverviewResponse } } },
    async (req) => overview.schoolOverview(ctxOf(req), req.params.schoolId, { ...req.query, worryingOnly: req.query.worryingOnly === 'true' }));

  app.get('/api/absence/follow-ups', { config, schema: { tags, querystring: c.FollowupQuery, response: { 200: c.FollowupsResponse } } },
    async (req) => followups.listFollowups(ctxOf(req), req.query.date));

  app.post('/api/absence/follow-ups/:followupId/resolve', { config, schema: { tags, params: c.FollowupParams, body: c.ResolveFollowupRequest, response: { 200: c.FollowupsResponse } } },
    async (req) => followups.resolveFollowup(ctxOf(req), req.params.followupId, req.body.resolution));

  app.get('/api/schools/:schoolId/absence-settings', { config, schema: { tags, params: c.SchoolParams, response: { 200: c.SchoolAbsenceSettings } } },
    async (req) => settings.getSchoolSettings(ctxOf(req), req.params.schoolId));

  app.put('/api/schools/:schoolId/absence-settings', { config, schema: { tags, params: c.SchoolParams, body: c.SchoolAbsenceSettings, response: { 200: c.SchoolAbsenceSettings } } },
    async (req) => settings.setSchoolSettings(ctxOf(req), req.params.schoolId, req.body));

  app.get('/api/owners/:ownerId/absence-rules', { config, schema: { tags, params: c.OwnerParams, response: { 200: c.AbsenceRules } } },
    async (req) => settings.getOwnerRules(ctxOf(req), req.params.ownerId));

  app.put('/api/owners/:ownerId/absence-rules', { config, schema: { tags, params: c.OwnerParams, body: c.AbsenceRules, response: { 200: c.AbsenceRules } } },
    async (req) => settings.setOwnerRules(ctxOf(req), req.params.ownerId, req.body));
}
