import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '@shared/contracts/messaging';
import { GroupParams } from '@shared/contracts/people';
import { acceptsGzip, ctxOf } from '../core/http';
import * as announcements from './announcements.service';
import { readInboxPage } from './inbox.service';
import { readPositiveContact, readReach } from './reach.service';

export default async function announcementRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const user = { access: 'user' as const };
  const tags = ['announcements'];

  app.post('/api/announcements', {
    config: user,
    // Up to five attachments of 5 MiB each, base64-encoded.
    bodyLimit: 40 * 1024 * 1024,
    schema: { tags, body: c.CreateAnnouncementRequest, response: { 200: c.AnnouncementCreated } },
  }, async (req) => announcements.createAnnouncement(ctxOf(req), req.body));

  // The body comes as JSON bytes already checked against InboxResponse (inbox.service.ts keeps them per person),
  // so the reply is the untyped one: Fastify sends bytes as they are, compressed where the client takes that.
  app.get('/api/inbox', { config: user, schema: { tags, response: { 200: c.InboxResponse } } }, async (req, reply: FastifyReply) => {
    const page = await readInboxPage(ctxOf(req));
    reply.type('application/json; charset=utf-8').header('vary', 'Accept-Encoding');
    if (!acceptsGzip(req.headers['accept-encoding'])) return reply.send(page.json);
    return reply.header('content-encoding', 'gzip').send(page.gzip);
  });

  app.get('/api/announcements/received', { config: user, schema: { tags, querystring: c.OlderQuery, response: { 200: c.ReceivedPage } } },
    async (req) => announcements.listReceived(ctxOf(req), req.query));

  app.get('/api/announcements/audiences', { config: user, schema: { tags, response: { 200: c.AudienceOptions } } },
    async (req) => announcements.readAudienceOptions(ctxOf(req)));

  app.get('/api/announcements/sent', { config: user, schema: { tags, querystring: c.SentAnnouncementsQuery, response: { 200: c.SentAnnouncementsResponse } } },
    async (req) => announcements.listSentAnnouncements(ctxOf(req), req.query));

  app.get('/api/announcements/:announcementId', { config: user, schema: { tags, params: c.AnnouncementParams, response: { 200: c.AnnouncementView } } },
    async (req) => announcements.readAnnouncement(ctxOf(req), req.params.announcementId));

  app.post('/api/announcements/:announcementId/ack', { config: user, schema: { tags, params: c.AnnouncementParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => announcements.acknowledgeAnnouncement(ctxOf(req), req.params.announcementId));

  app.post('/api/announcements/:announcementId/cancel', { config: user, schema: { tags, params: c.AnnouncementParams, response: { 200: c.AnnouncementCancelled } } },
    async (req) => announcements.cancelAnnouncement(ctxOf(req), req.params.announcementId));

  app.get('/api/announcements/:announcementId/edit', { config: user, schema: { tags, params: c.AnnouncementParams, response: { 200: c.EditableAnnouncement } } },
    async (req) => announcements.readEditable(ctxOf(req), req.params.announcementId));

  app.put('/api/announcements/:announcementId', {
    config: user,
    schema: { tags, params: c.AnnouncementParams, body: c.UpdateAnnouncementRequest, response: { 200: c.AnnouncementUpdated } },
  }, async (req) => announcements.updateAnnouncement(ctxOf(req), req.params.announcementId, req.body));

  app.get('/api/announcements/:announcementId/receipts', { config: user, schema: { tags, params: c.AnnouncementParams, response: { 200: c.ReceiptsResponse } } },
    async (req) => announcements.readReceipts(ctxOf(req), req.params.announcementId));

  app.get('/api/announcements/:announcementId/attachments/:attachmentId', { config: user, schema: { tags, params: c.AttachmentParams } }, async (req, reply) => {
    const file = await announcements.readAttachment(ctxOf(req), req.params.announcementId, req.params.attachmentId);
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  app.get('/api/groups/:groupId/reach', { config: user, schema: { tags: ['reach'], params: GroupParams, response: { 200: c.ReachResponse } } },
    async (req) => readReach(ctxOf(req), req.params.groupId));

  app.get('/api/groups/:groupId/positive-contact', { config: user, schema: { tags: ['reach'], params: GroupParams, response: { 200: c.PositiveContactResponse } } },
    async (req) => readPositiveContact(ctxOf(req), req.params.groupId));
}
