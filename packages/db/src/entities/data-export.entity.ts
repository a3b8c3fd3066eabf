import { EntitySchema } from '@mikro-orm/core';
import { type DataExportStatus } from '../constants';
import { TenantEntity, TenantEntitySchema } from './tenant-entity';
import { User } from './user.entity';

/**
 * An LGPD export of every record of an organization, asked for by an owner and built in the background
 * (privacy/export-worker.ts): a ZIP under DATA_DIR/exports, downloadable once, deleted after the download or
 * when it expires.
 */
export class DataExport extends TenantEntity<
  | 'requestedBy'
  | 'status'
  | 'progress'
  | 'fileName'
  | 'fileSize'
  | 'error'
  | 'startedAt'
  | 'finishedAt'
  | 'expiresAt'
  | 'downloadedAt'
> {
  requestedBy?: User | null;
  status: DataExportStatus = 'queued';
  /** 0–100: the share of tables written. */
  progress = 0;
  /** The ZIP's name under DATA_DIR/exports, once written. */
  fileName?: string | null;
  fileSize?: number | null;
  error?: string | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  expiresAt?: Date | null;
  downloadedAt?: Date | null;
}

export const DataExportSchema = new EntitySchema<DataExport, TenantEntity<string>>({
  class: DataExport,
  extends: TenantEntitySchema,
  tableName: 'data_exports',
  properties: {
    requestedBy: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'set null' },
    status: { type: 'string', length: 16, default: 'queued' },
    progress: { type: 'integer', default: 0 },
    fileName: { type: 'string', length: 80, nullable: true },
    fileSize: { type: 'integer', nullable: true },
    error: { type: 'string', length: 500, nullable: true },
    startedAt: { type: 'datetime', nullable: true },
    finishedAt: { type: 'datetime', nullable: true },
    expiresAt: { type: 'datetime', nullable: true },
    downloadedAt: { type: 'datetime', nullable: true },
  },
  // The worker looks for queued (and stale running) exports; the status view lists the organization's latest.
  indexes: [{ properties: ['status', 'createdAt'] }, { properties: ['organization', 'createdAt'] }],
});
