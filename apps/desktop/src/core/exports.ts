// The renderer's "export a report" request: from the replica with the server's own report module, so it
// works offline, or from the server for what the replica does not keep.
import type { BridgeResult, ReportExportRequest } from '../ipc/contract';
import { errorShape } from './errors';
import { coreMessages } from './messages';
import type { Replica } from './replica';
import {
  exportLocalReport,
  exportServerReport,
  ExportInputError,
  exportSourceOf,
  type ExportProgress,
  type SaveLocation,
} from './report-export';
import type { ServerLink } from './server-link';

export type ExportContext = {
  replica: Replica;
  link: ServerLink;
  /** The selected organization, when its replica is complete (a full pull finished); otherwise undefined. */
  readyOrgId: string | undefined;
  saveLocation: SaveLocation | undefined;
  now: Date;
  onProgress: (progress: ExportProgress) => void;
};

/** Writes the report to a file the user picks; `data` is null when cancelled. */
export async function exportReport(
  context: ExportContext,
  request: ReportExportRequest,
): Promise<BridgeResult> {
  const { replica, link, readyOrgId, saveLocation } = context;
  try {
    if (!readyOrgId || !saveLocation) {
      return { ok: false, error: errorShape('PRECONDITION_FAILED', coreMessages.exportNotReady, 412) };
    }
    // The replica keeps neither archived rows nor the summary's aggregates: those come from the server.
    if (request.kind === 'finance-summary' || request.filters?.['includeArchived'] === true) {
      const outcome = await exportServerReport(request, (path) => link.download(path), saveLocation);
      if (outcome === 'offline') {
        return { ok: false, error: errorShape('SERVICE_UNAVAILABLE', coreMessages.exportNeedsServer, 503) };
      }
      if (outcome && 'error' in outcome) {
        return { ok: false, error: errorShape('BAD_REQUEST', outcome.error, 400) };
      }
      return { ok: true, data: outcome };
    }
    const source = await exportSourceOf(replica, readyOrgId, context.now, (path) =>
      link.call('query', path, undefined),
    );
    const localRequest = { ...request, kind: request.kind };
    const result = await exportLocalReport(source, localRequest, saveLocation, context.onProgress);
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof ExportInputError) {
      const shape = errorShape('BAD_REQUEST', coreMessages.exportBadFilters, 400);
      return { ok: false, error: { ...shape, data: { ...shape.data, fieldErrors: error.fieldErrors } } };
    }
    return { ok: false, error: errorShape('INTERNAL_SERVER_ERROR', String(error), 500) };
  }
}
