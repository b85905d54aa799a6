import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationPreferences } from '@shared/contracts/notifications';
import { ctxOf } from '../core/http';
import { readMyPreferences, saveMyPreferences } from './preferences.service';

export default async function notificationRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/me/notification-preferences', {
    config: { access: 'user' },
    schema: { tags: ['notifications'], response: { 200: NotificationPreferences } },
  }, async (req) => readMyPreferences(ctxOf(req)));
  app.put('/api/me/notification-preferences', {
    config: { access: 'user' },
    schema: { tags: ['notifications'], body: NotificationPreferences, response: { 200: NotificationPreferences } },
  }, async (req) => saveMyPreferences(ctxOf(req), req.body));
}
