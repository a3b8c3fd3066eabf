// The export worker: builds the queued exports one at a time, expires old files and sweeps orphans. Run by
// the server's export worker loop (apps/server/src/exports/worker.ts), never on a request.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataExport, type Database, type EntityManager } from '@picineiros/db';
import type { Logger } from '../context';
import { exportsDirectory, writeOrganizationExport } from './export-file';

/** A ready export can be downloaded for this long; then the file is deleted. */
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A running export whose row has not moved for this long belongs to a worker that died: run it again. */
export const EXPORT_STALE_MS = 15 * 60 * 1000;

export type ExportRunResult = { built: number; failed: number; expired: number; swept: number };

/**
 * Deletes files no ready export points to: a download whose response was cut before its cleanup ran, the
 * exports of a purged organization (their rows went with it), a partial file of a worker that died.
 */
async function sweepOrphanFiles(em: EntityManager, dataDir: string, now: Date): Promise<number> {
  const directory = exportsDirectory(dataDir);
  const names = await readdir(directory).catch(() => [] as string[]);
  let swept = 0;
  for (const name of names) {
    const path = join(directory, name);
    // Young files may be a zip being written, or renamed a moment before its row says 'ready'.
    const { mtime } = await stat(path);
    if (now.getTime() - mtime.getTime() < EXPORT_STALE_MS) continue;
    const id = /^([0-9a-f-]{36})\.zip$/.exec(name)?.[1];
    if (id && (await em.count(DataExport, { id, status: 'ready' }, { filters: false })) > 0) continue;
    await rm(path, { force: true });
    swept += 1;
  }
  return swept;
}

async function expireOldExports(em: EntityManager, dataDir: string, now: Date): Promise<number> {
  const old = await em.find(
    DataExport,
    { status: 'ready', expiresAt: { $lte: now } },
    { filters: false, limit: 100 },
  );
  for (const dataExport of old) {
    if (dataExport.fileName) await rm(join(exportsDirectory(dataDir), dataExport.fileName), { force: true });
    dataExport.status = 'expired';
    dataExport.fileName = null;
  }
  await em.flush();
  return old.length;
}

/** Takes the oldest queued export for this worker, atomically: two workers never build the same one. */
async function claimNextExport(em: EntityManager, now: Date): Promise<DataExport | null> {
  // A running export whose row has not moved for a while belongs to a worker that died.
  await em.nativeUpdate(
    DataExport,
    { status: 'running', updatedAt: { $lt: new Date(now.getTime() - EXPORT_STALE_MS) } },
    { status: 'queued', progress: 0 },
    { filters: false },
  );
  for (;;) {
    const next = await em.findOne(
      DataExport,
      { status: 'queued' },
      { filters: false, orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    if (!next) return null;
    const claimed = await em.nativeUpdate(
      DataExport,
      { id: next.id, status: 'queued' },
      { status: 'running', startedAt: now, updatedAt: now },
      { filters: false },
    );
    if (claimed === 1) {
      em.clear();
      return em.findOne(DataExport, { id: next.id }, { filters: false });
    }
    em.clear();
  }
}

/**
 * Builds every queued export, then expires old files. Safe on several server instances at once (the
 * claim is a conditional update) and after a crash (stale running exports are taken again).
 */
export async function runPendingExports(
  database: Database,
  options: { dataDir: string; clock: () => Date; logger?: Logger },
): Promise<ExportRunResult> {
  const result: ExportRunResult = { built: 0, failed: 0, expired: 0, swept: 0 };
  const em = database.fork();
  for (;;) {
    const now = options.clock();
    const dataExport = await claimNextExport(em, now);
    if (!dataExport) break;
    const organizationId = dataExport.organization.id;
    try {
      const built = await writeOrganizationExport(database, {
        organizationId,
        dataDir: options.dataDir,
        fileName: `${dataExport.id}.zip`,
        now,
        onProgress: async (percent) => {
          await database
            .fork()
            .nativeUpdate(
              DataExport,
              { id: dataExport.id, status: 'running' },
              { progress: percent, updatedAt: options.clock() },
              { filters: false },
            );
        },
      });
      const finishedAt = options.clock();
      await em.nativeUpdate(
        DataExport,
        { id: dataExport.id },
        {
          status: 'ready',
          progress: 100,
          fileName: built.fileName,
          fileSize: built.fileSize,
          finishedAt,
          expiresAt: new Date(finishedAt.getTime() + EXPORT_TTL_MS),
          updatedAt: finishedAt,
        },
        { filters: false },
      );
      result.built += 1;
      options.logger?.info(
        { exportId: dataExport.id, organizationId, rows: built.rows },
        'data export ready',
      );
    } catch (error) {
      result.failed += 1;
      options.logger?.error({ err: error, exportId: dataExport.id, organizationId }, 'data export failed');
      await em.nativeUpdate(
        DataExport,
        { id: dataExport.id },
        {
          status: 'failed',
          error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          finishedAt: options.clock(),
        },
        { filters: false },
      );
    }
    em.clear();
  }
  result.expired = await expireOldExports(em, options.dataDir, options.clock());
  result.swept = await sweepOrphanFiles(em, options.dataDir, options.clock());
  return result;
}
