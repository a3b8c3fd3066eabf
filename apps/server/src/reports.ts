import { Readable } from 'node:stream';
import { messages } from '@picineiros/api/client';
import {
  buildReport,
  REPORT_EXTENSIONS,
  REPORT_KINDS,
  ReportInputError,
  openReportContext,
  RateLimitRefusal,
  type ApiDependencies,
  type RequestInfo,
  type PdfRenderer,
  type QueryValues,
} from '@picineiros/api/server';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PdfBusyError, PdfTimeoutError } from './pdf/pool';

const REPORT_PATH = new RegExp(`^(${REPORT_KINDS.join('|')})\\.(${REPORT_EXTENSIONS.join('|')})$`);

/**
 * `GET /reports/<kind>.<csv|pdf>?<filters>`: downloads for signed-in members, under the API's own
 * authentication and tenant rules (see reports/access.ts). CSV streams page by page; a PDF renders in
 * `renderPdf` (the server's worker pool): when its queue is full or a PDF takes too long, 503 + Retry-After.
 */
export function registerReportRoutes(
  app: FastifyInstance,
  dependencies: ApiDependencies,
  requestInfo: (request: FastifyRequest, reply: FastifyReply) => RequestInfo,
  renderPdf?: PdfRenderer,
): void {
  app.get<{ Params: { file: string }; Querystring: QueryValues }>(
    '/reports/:file',
    async (request, reply) => {
      const match = REPORT_PATH.exec(request.params.file);
      const kind = REPORT_KINDS.find((candidate) => candidate === match?.[1]);
      const extension = REPORT_EXTENSIONS.find((candidate) => candidate === match?.[2]);
      if (!kind || !extension) {
        return reply.code(404).send({ error: 'Relatório não encontrado.' });
      }
      try {
        const ctx = await openReportContext(dependencies, requestInfo(request, reply), request.log);
        const file = await buildReport(ctx, kind, extension, request.query, renderPdf);
        void reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store');
        if (Buffer.isBuffer(file.body)) return await reply.send(file.body);
        // Readable.from pulls the next page only when the socket has taken the previous one.
        return await reply.send(Readable.from(file.body, { objectMode: false }));
      } catch (error) {
        if (error instanceof PdfBusyError || error instanceof PdfTimeoutError) {
          request.log.warn({ err: error, report: kind }, 'pdf report refused');
          return reply
            .code(503)
            .header('retry-after', error instanceof PdfBusyError ? '5' : '30')
            .send({ error: error instanceof PdfBusyError ? messages.reportBusy : messages.reportTimeout });
        }
        if (error instanceof ReportInputError) {
          return reply.code(400).send({ error: error.message, fieldErrors: error.fieldErrors });
        }
        if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
          if (error.cause instanceof RateLimitRefusal) {
            void reply.header('retry-after', String(error.cause.retryAfterSeconds));
          }
          return reply.code(getHTTPStatusCodeFromError(error)).send({ error: error.message });
        }
        throw error;
      }
    },
  );
}
