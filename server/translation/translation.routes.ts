import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AnnouncementParams, ConversationParams } from '@shared/contracts/messaging';
import { MessageTranslationParams, TranslationOffers, TranslationQuery, TranslationView } from '@shared/contracts/translation';
import { ctxOf } from '../core/http';
import { libreTranslate } from './libretranslate';
import * as translation from './translation.service';

export default async function translationRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const user = { access: 'user' as const };
  const tags = ['translation'];
  // One service per app, with what it has learnt of the service's languages; none without TILLIT_TRANSLATE_URL.
  const { translate } = app.deps.config;
  const deps = translate ? translation.translationDeps(libreTranslate(translate)) : null;
  const ctx = (req: FastifyRequest): translation.TranslationCtx => ({ ...ctxOf(req), translation: deps });

  app.get('/api/announcements/:announcementId/translation-offers', {
    config: user, schema: { tags, params: AnnouncementParams, response: { 200: TranslationOffers } },
  }, async (req) => translation.readAnnouncementOffers(ctx(req), req.params.announcementId));

  app.get('/api/announcements/:announcementId/translation', {
    config: user, schema: { tags, params: AnnouncementParams, querystring: TranslationQuery, response: { 200: TranslationView } },
  }, async (req) => translation.translateAnnouncement(ctx(req), req.params.announcementId, req.query.to));

  app.get('/api/conversations/:conversationId/translation-offers', {
    config: user, schema: { tags, params: ConversationParams, response: { 200: TranslationOffers } },
  }, async (req) => translation.readConversationOffers(ctx(req), req.params.conversationId));

  app.get('/api/conversations/:conversationId/messages/:messageId/translation', {
    config: user, schema: { tags, params: MessageTranslationParams, querystring: TranslationQuery, response: { 200: TranslationView } },
  }, async (req) => translation.translateMessage(ctx(req), req.params.conversationId, req.params.messageId, req.query.to));
}
