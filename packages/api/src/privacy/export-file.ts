// The ZIP of one organization's data (LGPD export): every table of the tenant plan as JSON and as CSV, a
// manifest and a readme, written a page at a time. The worker (export-worker.ts) calls it for each request.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { Membership, type Database } from '@picineiros/db';
import { ZipFile } from 'yazl';
import { csvRecord, neutralizeFormula } from '../reports/csv';
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

const PAGE_SIZE = 500;

/** Where the export files live, under the server's data directory. */
export function exportsDirectory(dataDir: string): string {
  return join(dataDir, 'exports');
}

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
