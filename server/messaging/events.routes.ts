import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../core/http';
import { subscribe } from './events';

/** Server-sent events: the web app's open pages hear of new messages, announcements and receipts at once. */
export default async function eventRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/events', { config: { access: 'user' }, schema: { tags: ['events'] } }, (req, reply) => {
    const { actor } = ctxOf(req);
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const unsubscribe = subscribe(actor.personId, (event) => reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}
