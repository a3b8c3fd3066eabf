import { messages } from '@picineiros/api/client';
import {
  renderCalendarFeed,
  createContext,
  type ApiDependencies,
  type RequestInfo,
} from '@picineiros/api/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * `GET /calendar/<secret>.ics`: a member's appointments as an iCalendar feed for Google Calendar, Outlook or
 * a phone to subscribe to. Those apps cannot sign in, so the secret in the path is the credential; an
 * unknown, rotated or disabled secret, or a removed member, is the same 404.
 */
export function registerCalendarRoutes(
  app: FastifyInstance,
  dependencies: ApiDependencies,
  requestInfo: (request: FastifyRequest, reply: FastifyReply) => RequestInfo,
): void {
  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const match = /^(.{1,200})\.ics$/.exec(request.params.file);
    const ctx = createContext(dependencies, requestInfo(request, reply), request.log);
    const body = match?.[1] ? await renderCalendarFeed(ctx, match[1]) : null;
    if (body === null) return reply.code(404).send({ error: messages.calendarFeedNotFound });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="picineiros.ics"')
      .header('cache-control', 'private, max-age=300')
      .send(body);
  });
}
