import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as c from '@shared/contracts/messaging';
import { ctxOf } from '../core/http';
import { sendReminder } from './reminders.service';

export default async function reminderRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();

  app.post('/api/announcements/:announcementId/reminders', {
    config: { access: 'user' },
    schema: { tags: ['announcements'], params: c.AnnouncementParams, response: { 200: c.ReminderSent } },
  }, async (req) => sendReminder(ctxOf(req), req.params.announcementId));
}
