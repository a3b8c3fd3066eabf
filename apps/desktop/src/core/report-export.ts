// Offline exports: the same report files the server serves (packages/api/src/reports: rows.ts, csv.ts,
// pdf.ts, none of which needs the ORM), built from the local replica and written where the user chose.
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import {
  ZListAppointmentsInput,
  ZListClientsInput,
  ZListFinanceEntriesInput,
  companyContactLines,
  renderCsv,
  renderPdf,
  describeAppointmentFilters,
  describeClientFilters,
  describeFinanceFilters,
  appointmentColumns,
  appointmentRow,
  appointmentTotals,
  clientColumns,
  clientRow,
  financeColumns,
  financeRow,
  REPORT_META,
  POOL_TYPE_LABELS,
  formatLocalDateTimeBr,
  localDateOf,
  fieldErrorsOf,
  type TMemberList,
  type TCompanyDetails,
  type TOrganizationLogo,
  type FilterNames,
  type Cell,
  type ReportColumn,
  type ReportFilter,
  type PoolType,
} from '@picineiros/api/client';
import type { ReportExportRequest } from '../ipc/contract';
import type { Replica } from './replica';

export const LOCAL_REPORT_KINDS = ['clients', 'appointments', 'finance'] as const;
export type LocalReportKind = (typeof LOCAL_REPORT_KINDS)[number];

export type ExportResult = { path: string; fileName: string; rows: number };

/** Rows written so far out of the report's total, for a progress bar. */
export type ExportProgress = { written: number; total: number };

/**
 * Where a file goes: main shows the native Save dialog; tests answer a path. Null means cancelled. The core
 * receives this, like the token store, so it never imports Electron.
 */
export type SaveLocation = { choose(suggestedName: string): Promise<string | null> };

/** What the export needs besides the replica; the core fills it (online reads cached for offline use). */
export type ExportSource = {
  replica: Replica;
  today: string;
  timezone: string;
  organizationName: string;
  /** The company's details under the PDF's heading (organizations/company.ts). */
  companyLines: string[];
  generatedAt: string;
  memberNames: ReadonlyMap<string, string>;
  logo: { bytes: Uint8Array; format: 'PNG' | 'JPEG' } | null;
};

/** Bad filters: the same field errors the server would give. */
export class ExportInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super('Filtros inválidos.');
  }
}

const PAGE = 100;
// As on the server (reports/build.ts): a PDF is laid out in memory, so past this it must be a CSV.
const PDF_MAX_ROWS = 20_000;
const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

type Built = {
  columns: readonly ReportColumn[];
  rows: Cell[][];
  filters: ReportFilter[];
  /** The PDF's totals row when it is not the plain count and sums (as on the server). */
  totals?: Cell[];
};

function parsed<T>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: T } | { success: false; error: Parameters<typeof fieldErrorsOf>[0] };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ExportInputError(fieldErrorsOf(result.error));
  return result.data;
}

function poolNamesOf(replica: Replica, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = replica.db
    .prepare(`SELECT id, data FROM pools WHERE id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as { id: string; data: string }[];
  return new Map(
    rows.map((row) => {
      const pool = JSON.parse(row.data) as { label?: string | null; type: PoolType };
      return [row.id, pool.label ?? POOL_TYPE_LABELS[pool.type]];
    }),
  );
}

/** The name of the client a filter holds; an id the replica does not know is a field error. */
function clientName(replica: Replica, clientId: string | undefined): FilterNames {
  if (!clientId) return {};
  const client = replica.getClient(clientId);
  if (!client) throw new ExportInputError({ clientId: 'Cliente não encontrado.' });
  return { client: client.name };
}

/** The report's rows from the replica, through the same list reads the screens use. */
export function buildLocalRows(
  source: ExportSource,
  request: ReportExportRequest & { kind: LocalReportKind },
): Built {
  const { replica } = source;
  switch (request.kind) {
    case 'clients': {
      const input = parsed(ZListClientsInput, request.filters);
      const rows: Cell[][] = [];
      for (let page = 1; ; page += 1) {
        const result = replica.listClients({ ...input, page, pageSize: PAGE });
        rows.push(...result.items.map(clientRow));
        if (page >= result.pageCount) break;
      }
      return { columns: clientColumns, rows, filters: describeClientFilters(input) };
    }
    case 'appointments': {
      const input = parsed(ZListAppointmentsInput, request.filters);
      const rows: Cell[][] = [];
      let cursor: string | null = null;
      do {
        const page = replica.listAppointments({ ...input, limit: PAGE, ...(cursor ? { cursor } : {}) });
        const poolIds = [...new Set(page.items.flatMap((item) => (item.poolId ? [item.poolId] : [])))];
        const pools = poolNamesOf(replica, poolIds);
        rows.push(...page.items.map((item) => appointmentRow(item, pools, source.memberNames)));
        cursor = page.nextCursor;
      } while (cursor);
      const names = clientName(replica, input.clientId);
      // The member list is cached from the last connection: a member added since has no name here yet.
      if (input.assigneeId) names.assignee = source.memberNames.get(input.assigneeId) ?? '—';
      const filters = describeAppointmentFilters(input, names);
      return { columns: appointmentColumns, rows, filters, totals: appointmentTotals(rows) };
    }
    case 'finance': {
      const input = parsed(ZListFinanceEntriesInput, request.filters);
      const rows: Cell[][] = [];
      let cursor: string | null = null;
      do {
        const page = replica.listFinanceEntries(
          { ...input, limit: PAGE, ...(cursor ? { cursor } : {}) },
          source.today,
        );
        rows.push(...page.items.map((entry) => financeRow(entry, source.timezone)));
        cursor = page.nextCursor;
      } while (cursor);
      const filters = describeFinanceFilters(input, clientName(replica, input.clientId));
      return { columns: financeColumns, rows, filters };
    }
  }
}

async function* pagesOf(
  rows: readonly Cell[][],
  onPage: (written: number) => void,
): AsyncGenerator<Cell[][]> {
  for (let start = 0; start < rows.length; start += PAGE * 10) {
    const page = rows.slice(start, start + PAGE * 10);
    yield page;
    onPage(start + page.length);
    // Let the event loop breathe between pages (IPC, the window) on long exports.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Builds the report from the replica, asks where to save it, and writes it there (through a `.part` file
 * renamed at the end, so a cancelled or failed export never leaves half a file under the chosen name).
 */
export async function exportLocalReport(
  source: ExportSource,
  request: ReportExportRequest & { kind: LocalReportKind },
  location: SaveLocation,
  onProgress: (progress: ExportProgress) => void = () => undefined,
): Promise<ExportResult | null> {
  const meta = REPORT_META[request.kind];
  const fileName = `${meta.fileName}-${source.today}.${request.extension}`;
  const built = buildLocalRows(source, request);
  if (request.extension === 'pdf' && built.rows.length > PDF_MAX_ROWS) {
    throw new ExportInputError({
      _: `Relatório grande demais para PDF (mais de ${PDF_MAX_ROWS.toLocaleString('pt-BR')} linhas): filtre mais ou exporte em CSV.`,
    });
  }
  const path = await location.choose(fileName);
  if (!path) return null;
  const total = built.rows.length;
  const partial = `${path}.part`;
  onProgress({ written: 0, total });
  try {
    if (request.extension === 'csv') {
      const stream = createWriteStream(partial);
      const chunks = renderCsv(
        built.columns,
        pagesOf(built.rows, (written) => {
          onProgress({ written, total });
        }),
        request.dialect ?? 'excel',
      );
      for await (const chunk of chunks) {
        if (!stream.write(chunk)) await once(stream, 'drain');
      }
      stream.end();
      await once(stream, 'finish');
    } else {
      const pdf = renderPdf(
        {
          organizationName: source.organizationName,
          companyLines: source.companyLines,
          title: meta.title,
          filters: built.filters,
          generatedAt: source.generatedAt,
          orientation: meta.orientation,
          logo: source.logo,
        },
        built.columns,
        built.rows,
        ...(built.totals ? [built.totals] : []),
      );
      await writeFile(partial, pdf);
      onProgress({ written: total, total });
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path, fileName, rows: total };
}

type Me = { memberships: { organizationId: string; organizationName: string }[] };

/**
 * Everything around the rows. Member names and the logo come from the server when it answers and are
 * kept in the replica's meta for the next offline export; the rest is local.
 */
export async function exportSourceOf(
  replica: Replica,
  orgId: string,
  now: Date,
  fetchOnline: <T>(path: string) => Promise<T>,
): Promise<ExportSource> {
  const timezone = replica.getMeta('timezone') ?? DEFAULT_TIMEZONE;
  const me = JSON.parse(replica.getMeta('me') ?? 'null') as Me | null;
  const organizationName =
    me?.memberships.find((membership) => membership.organizationId === orgId)?.organizationName ?? '';
  const cached = async <T>(key: string, path: string): Promise<T | null> => {
    try {
      const value = await fetchOnline<T>(path);
      replica.setMeta(key, JSON.stringify(value));
      return value;
    } catch {
      return JSON.parse(replica.getMeta(key) ?? 'null') as T | null;
    }
  };
  const [members, logo, company] = await Promise.all([
    cached<TMemberList>('memberNames', 'members.list'),
    cached<TOrganizationLogo>('logo', 'organizations.logo'),
    cached<TCompanyDetails>('company', 'organizations.current'),
  ]);
  return {
    replica,
    today: localDateOf(now, timezone),
    timezone,
    organizationName: company?.name ?? organizationName,
    companyLines: company ? companyContactLines(company) : [],
    generatedAt: formatLocalDateTimeBr(now, timezone),
    memberNames: new Map((members?.members ?? []).map((member) => [member.membershipId, member.name])),
    logo: logo
      ? {
          bytes: new Uint8Array(Buffer.from(logo.base64, 'base64')),
          format: logo.contentType === 'image/png' ? 'PNG' : 'JPEG',
        }
      : null,
  };
}

/**
 * A report only the server can build (the financial summary, or archived rows, which the replica does not
 * keep): its file, fetched with the core's session, saved where the user chose. `download` answers null
 * when the server cannot be reached.
 */
export async function exportServerReport(
  request: ReportExportRequest,
  download: (path: string) => Promise<Response | null>,
  location: SaveLocation,
): Promise<ExportResult | null | 'offline' | { error: string }> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.filters ?? {})) {
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.map(String).join(','));
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') params.set(key, String(value));
    }
  }
  if (request.extension === 'csv' && request.dialect === 'rfc4180') params.set('format', 'rfc4180');
  const query = params.toString();
  const response = await download(`/reports/${request.kind}.${request.extension}${query ? `?${query}` : ''}`);
  if (!response) return 'offline';
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return { error: body.error ?? `HTTP ${response.status}` };
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  const fileName =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    `${request.kind}.${request.extension}`;
  const path = await location.choose(fileName);
  if (!path) return null;
  await writeFile(`${path}.part`, bytes);
  await rename(`${path}.part`, path);
  return { path, fileName, rows: 0 };
}
