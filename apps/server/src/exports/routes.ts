import { createReadStream } from 'node:fs';
import {
  claimExportDownload,
  removeExportFile,
  openReportContext,
  RateLimitRefusal,
  type ApiDependencies,
  type RequestInfo,
} from '@picineiros/api/server';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const EXPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.zip$/;

/**
 * `GET /exports/<id>.zip`: the LGPD export of the caller's organization, for its owners, once. The API's
 * own authentication and tenant rules apply (the access token, `x-org-id`), as for reports. Answers 404
 * for an unknown id or another organization's, 403 for a member who is not an owner, 410 once the file
 * has been downloaded or has expired. The file is deleted as soon as the response ends.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  dependencies: ApiDependencies,
  dataDir: string,
  requestInfo: (request: FastifyRequest, reply: FastifyReply) => RequestInfo,
): void {
  app.get<{ Params: { file: string } }>('/exports/:file', async (request, reply) => {
    const id = EXPORT_FILE.exec(request.params.file)?.[1];
    if (!id) return reply.code(404).send({ error: 'Exportação não encontrada.' });
    let claimed: { path: string; downloadName: string };
    try {
      const ctx = await openReportContext(dependencies, requestInfo(request, reply), request.log);
      claimed = await claimExportDownload(ctx, dataDir, id);
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'PRECONDITION_FAILED') {
        return reply.code(410).send({ error: error.message });
      }
      if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
        if (error.cause instanceof RateLimitRefusal) {
          void reply.header('retry-after', String(error.cause.retryAfterSeconds));
        }
        return reply.code(getHTTPStatusCodeFromError(error)).send({ error: error.message });
      }
      throw error;
    }
    const stream = createReadStream(claimed.path);
    // Downloaded once: whatever happens to the response, the file goes when it ends.
    reply.raw.once('close', () => {
      stream.destroy();
      void removeExportFile(claimed.path).catch((error: unknown) => {
        request.log.error({ err: error }, 'could not delete a downloaded export');
      });
    });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${claimed.downloadName}"`)
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
