import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '@shared/contracts/messaging';
import { ctxOf } from '../core/http';
import * as conversations from './conversations.service';
import * as participants from './conversations.participants';

const Ok = z.object({ ok: z.literal(true) });

export default async function conversationRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const user = { access: 'user' as const };
  const tags = ['conversations'];

  app.get('/api/conversations/recipients', { config: user, schema: { tags, querystring: c.RoutingQuery, response: { 200: c.RoutingResponse } } },
    async (req) => conversations.previewRecipients(ctxOf(req), req.query.studentId, req.query.topic));

  app.post('/api/conversations', { config: user, schema: { tags, body: c.StartConversationRequest, response: { 200: c.ConversationCreated } } },
    async (req) => conversations.startConversation(ctxOf(req), req.body));

  app.post('/api/conversations/to-families', { config: user, schema: { tags, body: c.WriteToFamiliesRequest, response: { 200: c.ConversationCreated } } },
    async (req) => conversations.writeToFamilies(ctxOf(req), req.body));

  app.get('/api/conversations', { config: user, schema: { tags, querystring: c.OlderQuery, response: { 200: c.ConversationsPage } } },
    async (req) => conversations.listConversations(ctxOf(req), req.query));

  app.get('/api/conversations/:conversationId', { config: user, schema: { tags, params: c.ConversationParams, response: { 200: c.ConversationDetail } } },
    async (req) => conversations.readConversation(ctxOf(req), req.params.conversationId));

  app.post('/api/conversations/:conversationId/messages', { config: user, schema: { tags, params: c.ConversationParams, body: c.PostMessageRequest, response: { 200: z.object({ id: z.uuid() }) } } },
    async (req) => conversations.postMessage(ctxOf(req), req.params.conversationId, req.body));

  app.get('/api/conversations/:conversationId/candidates', { config: user, schema: { tags, params: c.ConversationParams, response: { 200: c.ParticipantCandidates } } },
    async (req) => participants.listCandidates(ctxOf(req), req.params.conversationId));

  app.post('/api/conversations/:conversationId/participants', { config: user, schema: { tags, params: c.ConversationParams, body: c.AddParticipantRequest, response: { 200: Ok } } },
    async (req) => participants.addParticipant(ctxOf(req), req.params.conversationId, req.body.personId));

  app.delete('/api/conversations/:conversationId/participants/:personId', { config: user, schema: { tags, params: c.ParticipantParams, response: { 200: Ok } } },
    async (req) => participants.removeParticipant(ctxOf(req), req.params.conversationId, req.params.personId));
}
