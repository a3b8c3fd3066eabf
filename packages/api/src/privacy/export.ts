import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { DataExport, Membership, type Database, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { ZipFile } from 'yazl';
import type { Logger } from '../context';
import { csvRecord, neutralizeFormula } from '../reports/csv';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import {
  GLOBAL_TABLES,
  NOT_EXPORTED,
  planOrganizationTables,
  REDACTED_PROPERTIES,
  SECRET_PROPERTIES,
  type AnyRow,
  type OrganizationScope,
  type TenantTable,
} from './tenant-tables';

/** A ready export can be downloaded for this long; then the file is deleted. */
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A running export whose row has not moved for this long belongs to a worker that died: run it again. */
export const EXPORT_STALE_MS = 15 * 60 * 1000;
const PAGE_SIZE = 500;

export function exportsDirectory(dataDir: string): string {
  return join(dataDir, 'exports');
}

export function describeExport(dataExport: DataExport) {
  return {
    id: dataExport.id,
    status: dataExport.status,
    progress: dataExport.progress,
    requestedAt: dataExport.createdAt,
    finishedAt: dataExport.finishedAt ?? null,
    expiresAt: dataExport.expiresAt ?? null,
    downloadedAt: dataExport.downloadedAt ?? null,
    fileSize: dataExport.fileSize ?? null,
    /** `GET` it with the access token (owner only), once. */
    downloadPath: dataExport.status === 'ready' ? `/exports/${dataExport.id}.zip` : null,
  };
}
export type ExportSummary = ReturnType<typeof describeExport>;

/** Queues an export of every record of the caller's organization (owners only; see the router). */
export async function requestExport(ctx: OrgContext): Promise<ExportSummary> {
  const inFlight = await ctx.em.count(DataExport, {
    organization: ctx.organization,
    status: { $in: ['queued', 'running'] },
  });
  if (inFlight > 0) throw new TRPCError({ code: 'CONFLICT', message: messages.exportAlreadyRunning });
  const dataExport = ctx.em.create(DataExport, {
    organization: ctx.organization,
    requestedBy: ctx.user,
    createdAt: ctx.clock(),
  });
  await ctx.em.flush();
  return describeExport(dataExport);
}

/** The organization's latest exports, newest first. */
export async function listExports(ctx: OrgContext): Promise<{ exports: ExportSummary[] }> {
  const rows = await ctx.em.find(
    DataExport,
    { organization: ctx.organization },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 5 },
  );
  return { exports: rows.map(describeExport) };
}

// ---- Building the file ----------------------------------------------------------------------------

type Row = AnyRow;

type Column = {
  property: string;
  key: string;
  relation: boolean;
  /** Applied to the value before it is written (see REDACTED_PROPERTIES). */
  redact?: (value: unknown) => unknown;
};

function columnsOf(meta: EntityMetadata): Column[] {
  return meta.props
    .filter(
      (prop) =>
        !SECRET_PROPERTIES.has(prop.name) &&
        (prop.kind === ReferenceKind.SCALAR ||
          prop.kind === ReferenceKind.MANY_TO_ONE ||
          (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
    )
    .map((prop) => {
      const redact = REDACTED_PROPERTIES[meta.className]?.[prop.name];
      return {
        property: prop.name,
        key: prop.kind === ReferenceKind.SCALAR ? prop.name : `${prop.name}Id`,
        relation: prop.kind !== ReferenceKind.SCALAR,
        ...(redact ? { redact } : {}),
      };
    });
}

function plainValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A row as plain JSON values: relations as ids, instants as ISO strings, binary as base64. */
function plainRow(entity: object, columns: readonly Column[]): Row {
  const values = entity as Record<string, unknown>;
  const row: Row = {};
  for (const column of columns) {
    const value = values[column.property];
    const plain = column.relation
      ? ((value as { id?: unknown } | null | undefined)?.id ?? null)
      : plainValue(value);
    row[column.key] = column.redact ? column.redact(plain) : plain;
  }
  return row;
}

/** The organization's rows of one table, a page at a time, each page read by a fresh EntityManager. */
async function* pagesOf(
  database: Database,
  table: TenantTable,
  scope: OrganizationScope,
): AsyncGenerator<Row[]> {
  const columns = columnsOf(table.meta);
  const primaryKey = table.meta.primaryKeys[0] ?? 'id';
  const lazy = table.meta.props
    .filter((prop) => prop.lazy && prop.kind === ReferenceKind.SCALAR && !SECRET_PROPERTIES.has(prop.name))
    .map((prop) => prop.name);
  let after: unknown;
  for (;;) {
    const em = database.fork();
    const scoped = table.where(scope);
    const where = after === undefined ? scoped : { $and: [scoped, { [primaryKey]: { $gt: after } }] };
    const rows = await em.find<Row>(table.meta.className, where, {
      filters: false,
      orderBy: { [primaryKey]: 'asc' },
      limit: PAGE_SIZE,
      populate: lazy as never[],
    });
    if (rows.length === 0) return;
    const plain = rows.map((row) => plainRow(row, columns));
    yield plain;
    if (rows.length < PAGE_SIZE) return;
    const last = rows.at(-1)?.[primaryKey];
    after = typeof last === 'object' && last !== null ? (last as { id: unknown }).id : last;
  }
}

async function* jsonFile(pages: AsyncIterable<Row[]>, count: (rows: number) => void): AsyncGenerator<Buffer> {
  yield Buffer.from('[\n');
  let first = true;
  for await (const rows of pages) {
    count(rows.length);
    const text = rows.map((row) => JSON.stringify(row)).join(',\n');
    yield Buffer.from(`${first ? '' : ',\n'}${text}`, 'utf8');
    first = false;
  }
  yield Buffer.from('\n]\n');
}

/** A cell as text; text a spreadsheet would run as a formula is escaped as the reports escape it. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutralizeFormula(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return neutralizeFormula(JSON.stringify(value));
}

/** The same rows as CSV in the reports' Excel (pt-BR) dialect: BOM, `;`, CRLF. */
async function* csvFile(columns: readonly Column[], pages: AsyncIterable<Row[]>): AsyncGenerator<Buffer> {
  yield Buffer.from(
    '\uFEFF' +
      csvRecord(
        columns.map((column) => column.key),
        'excel',
      ),
    'utf8',
  );
  for await (const rows of pages) {
    yield Buffer.from(
      rows.map((row) => csvRecord(Object.values(row).map(csvCell), 'excel')).join(''),
      'utf8',
    );
  }
}

const README = `Exportação de dados — Picineiros

Este arquivo contém todos os registros da sua empresa no Picineiros, como pedido pela titular dos dados
(LGPD, art. 18, II e V): um arquivo JSON e um CSV por tabela, com todas as linhas da empresa, inclusive as
arquivadas. manifest.json lista as tabelas, quantas linhas cada uma tem e o que ficou de fora (senhas e
tokens de acesso, mesmo cifrados, nunca são exportados; os links dos e-mails enviados aparecem como
"[link removido]", porque podem conter códigos de acesso).

- JSON: uma lista de objetos, um por linha da tabela; datas e horas em UTC (ISO 8601); relações como ids.
- CSV: separado por ponto e vírgula, UTF-8, abre direto no Excel. Um texto que começa com =, +, - ou @
  ganha um apóstrofo na frente, para a planilha não o executar como fórmula (no JSON ele está intacto).
- Valores em dinheiro estão em centavos (amountCents = 12345 significa R$ 123,45).

Este arquivo só pode ser baixado uma vez. Guarde-o em local seguro: ele contém dados pessoais.
`;

export type ExportResult = { fileName: string; fileSize: number; rows: Record<string, number> };

/**
 * Writes the ZIP of one organization: `<table>.json` and `<table>.csv` for every table of the plan, a
 * manifest and a readme. yazl writes entries one after the other and asks for each lazily, so only one
 * page of one table is in memory at a time; the file appears under its final name only when complete.
 */
export async function writeOrganizationExport(
  database: Database,
  options: {
    organizationId: string;
    dataDir: string;
    fileName: string;
    now: Date;
    onProgress?: (percent: number) => Promise<void>;
  },
): Promise<ExportResult> {
  const em = database.fork();
  const memberships = await em.find(
    Membership,
    { organization: options.organizationId },
    { fields: ['user', 'createdAt'], filters: false },
  );
  const scope: OrganizationScope = {
    organizationId: options.organizationId,
    members: memberships.map((membership) => ({
      userId: membership.user.id,
      joinedAt: membership.createdAt,
    })),
  };
  const plan = planOrganizationTables(em.getMetadata());
  const directory = exportsDirectory(options.dataDir);
  await mkdir(directory, { recursive: true });
  const partial = join(directory, `${options.fileName}.partial`);
  const rows: Record<string, number> = {};

  const zip = new ZipFile();
  const output = createWriteStream(partial, { mode: 0o600 });
  zip.outputStream.pipe(output);
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  zip.on('error', fail);
  const lazyEntry = (name: string, body: () => Iterable<Buffer> | AsyncIterable<Buffer>) => {
    zip.addReadStreamLazy(name, { mtime: options.now }, (callback) => {
      const stream = Readable.from(body());
      stream.on('error', fail);
      callback(null, stream);
    });
  };

  zip.addBuffer(Buffer.from(README, 'utf8'), 'LEIA-ME.txt', { mtime: options.now });
  let done = 0;
  for (const table of plan.tables) {
    const name = table.meta.tableName;
    rows[name] = 0;
    lazyEntry(`${name}.json`, () =>
      jsonFile(pagesOf(database, table, scope), (count) => {
        rows[name] = (rows[name] ?? 0) + count;
      }),
    );
    lazyEntry(`${name}.csv`, async function* () {
      yield* csvFile(columnsOf(table.meta), pagesOf(database, table, scope));
      done += 1;
      await options.onProgress?.(Math.min(99, Math.floor((done / plan.tables.length) * 100)));
    });
  }
  // Asked for last, when every table has been written and counted.
  lazyEntry('manifest.json', function* () {
    const manifest = {
      organizationId: options.organizationId,
      generatedAt: options.now.toISOString(),
      tables: plan.tables.map((table) => ({
        table: table.meta.tableName,
        entity: table.meta.className,
        scope: table.rule,
        rows: rows[table.meta.tableName] ?? 0,
      })),
      leftOut: {
        columns: [...SECRET_PROPERTIES],
        redacted: Object.fromEntries(
          Object.entries(REDACTED_PROPERTIES).map(([entity, columns]) => [
            entity,
            `${Object.keys(columns).join(', ')}: links removed (they may carry one-time tokens)`,
          ]),
        ),
        tables: { ...NOT_EXPORTED, ...GLOBAL_TABLES },
      },
    };
    yield Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  });
  zip.end();
  try {
    await finished(output);
  } catch (error) {
    failure ??= error;
  }
  if (failure) {
    await rm(partial, { force: true });
    throw failure instanceof Error ? failure : new Error('export failed');
  }
  const path = join(directory, options.fileName);
  await rename(partial, path);
  return { fileName: options.fileName, fileSize: (await stat(path)).size, rows };
}

// ---- The worker -----------------------------------------------------------------------------------

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

// ---- The download ---------------------------------------------------------------------------------

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
