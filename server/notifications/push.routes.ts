// Web Push for the logged-in user: the server's public key, and their browsers' subscriptions.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PushSubscriptionInput, PushUnsubscribeInput, VapidPublicKey } from '@shared/contracts/notifications';
import { ctxOf } from '../core/http';
import { readVapidPublicKey, subscribeToPush, unsubscribeFromPush } from './push.service';

const Done = z.object({ ok: z.literal(true) });

export default async function pushRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/notifications/vapid-public-key', {
    config: { access: 'user' },
    schema: { tags: ['notifications'], response: { 200: VapidPublicKey } },
  }, async () => readVapidPublicKey(app.deps.database.db, app.deps.config));
  app.post('/api/me/push-subscriptions', {
    config: { access: 'user' },
    schema: { tags: ['notifications'], body: PushSubscriptionInput, response: { 200: Done } },
  }, async (req) => { await subscribeToPush(ctxOf(req), req.body); return { ok: true as const }; });
  app.delete('/api/me/push-subscriptions', {
    config: { access: 'user' },
    schema: { tags: ['notifications'], body: PushUnsubscribeInput, response: { 200: Done } },
  }, async (req) => { await unsubscribeFromPush(ctxOf(req), req.body); return { ok: true as const }; });
}
