// The download of a ready export (GET /exports/<id>.zip, apps/server/src/exports/routes.ts): once, owners only.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataExport } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { exportsDirectory } from './export-file';

/**
 * Marks a ready export of the caller's organization as downloaded and returns its file, once: the
 * conditional update lets exactly one request win, however many arrive together. Owners only; another
 * organization's export is NOT_FOUND, an export already downloaded or expired is GONE (HTTP 410).
 */
export async function claimExportDownload(
  ctx: OrgContext,
  dataDir: string,
  exportId: string,
): Promise<{ path: string; downloadName: string }> {
  if (ctx.membership.role !== 'owner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: messages.forbiddenForRole });
  }
  const dataExport = await ctx.em.findOne(DataExport, { id: exportId, organization: ctx.organization });
  if (!dataExport) throw new TRPCError({ code: 'NOT_FOUND', message: messages.exportNotFound });
  const now = ctx.clock();
  const claimed =
    dataExport.status === 'ready' && dataExport.fileName && (dataExport.expiresAt ?? now) > now
      ? await ctx.em.nativeUpdate(
          DataExport,
          { id: dataExport.id, status: 'ready' },
          { status: 'downloaded', downloadedAt: now, updatedAt: now },
        )
      : 0;
  if (claimed !== 1 || !dataExport.fileName) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: messages.exportGone });
  }
  const day = now.toISOString().slice(0, 10);
  return {
    path: join(exportsDirectory(dataDir), dataExport.fileName),
    downloadName: `picineiros-dados-${day}.zip`,
  };
}

/** Deletes the file of a downloaded export (called when the response has been sent). */
export async function removeExportFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
