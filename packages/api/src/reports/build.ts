import { companyContactLines, describeCompany } from '../organizations/company';
import { readOrganizationLogo } from '../organizations/logo';
import { formatLocalDateTimeBr, localDateOf } from '../shared/local-time';
import type { OrgContext } from '../shared/org-context';
import { fieldErrorsOf } from '../shared/validation';
import { CSV_DIALECTS, renderCsv, type CsvDialect } from './csv';
import {
  REPORT_DEFINITIONS,
  REPORT_KINDS,
  UnknownFilterValueError,
  type QueryValues,
  type ReportDefinition,
  type ReportKind,
} from './definitions';
import { renderPdf } from './pdf';
import { totalsOf, type Cell, type ReportColumn, type ReportHeading } from './table';

export { REPORT_KINDS, type QueryValues, type ReportKind };
export const REPORT_EXTENSIONS = ['csv', 'pdf'] as const;
export type ReportExtension = (typeof REPORT_EXTENSIONS)[number];

/** A PDF is built in memory; past this many rows the report must be a CSV. */
export const PDF_MAX_ROWS = 20_000;

/** Bad filters: a 400 whose message names each field in pt-BR. */
export class ReportInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(
      `Filtros inválidos: ${Object.entries(fieldErrors)
        .map(([field, message]) => (field === '_' ? message : `${field}: ${message}`))
        .join(' ')}`,
    );
  }
}

/**
 * Turns a laid-out report into PDF bytes. The server passes one that runs in a worker thread (jsPDF is
 * synchronous and a long report takes seconds); by default it renders in this thread.
 */
export type PdfRenderer = (job: {
  heading: ReportHeading;
  columns: readonly ReportColumn[];
  rows: readonly Cell[][];
  totals: Cell[] | null;
}) => Promise<Buffer>;

const renderInThisThread: PdfRenderer = (job) =>
  Promise.resolve(renderPdf(job.heading, job.columns, job.rows, job.totals));

export type ReportFile = {
  fileName: string;
  contentType: string;
  /** The whole PDF, or the CSV as chunks to stream. */
  body: Buffer | AsyncIterable<Buffer>;
};

const TRUE_VALUES = new Set(['true', '1', 'sim']);
const FALSE_VALUES = new Set(['false', '0', 'nao', 'não']);

/** The query string as the list schema's input: booleans and lists read from their text. */
function inputOf(
  definition: Pick<ReportDefinition<unknown>, 'filterKeys' | 'booleanKeys' | 'listKeys'>,
  query: QueryValues,
): Record<string, unknown> {
  const allowed = new Set([...definition.filterKeys, 'format']);
  const unknown = Object.keys(query).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new ReportInputError(
      Object.fromEntries(
        unknown.map((key) => [
          key,
          `Filtro desconhecido. Filtros deste relatório: ${definition.filterKeys.join(', ')}.`,
        ]),
      ),
    );
  }
  const input: Record<string, unknown> = {};
  for (const key of definition.filterKeys) {
    const raw = query[key];
    if (raw === undefined || raw === '') continue;
    const values = Array.isArray(raw) ? raw : [raw];
    if (definition.listKeys?.includes(key)) {
      input[key] = values.flatMap((value) => value.split(',')).filter((value) => value !== '');
    } else if (values.length > 1) {
      throw new ReportInputError({ [key]: 'Informe este filtro uma vez só.' });
    } else if (definition.booleanKeys?.includes(key)) {
      const text = (values[0] ?? '').toLowerCase();
      input[key] = TRUE_VALUES.has(text) ? true : FALSE_VALUES.has(text) ? false : text;
    } else {
      input[key] = values[0];
    }
  }
  return input;
}

function dialectOf(query: QueryValues): CsvDialect {
  const format = query['format'];
  if (format === undefined) return 'excel';
  const dialect = CSV_DIALECTS.find((candidate) => candidate === format);
  if (!dialect) {
    throw new ReportInputError({ format: 'Formato inválido (excel ou rfc4180).' });
  }
  return dialect;
}

async function buildWith<Input>(
  definition: ReportDefinition<Input>,
  ctx: OrgContext,
  extension: ReportExtension,
  query: QueryValues,
  render: PdfRenderer,
): Promise<ReportFile> {
  const dialect = dialectOf(query);
  const parsed = definition.schema.safeParse(inputOf(definition, query));
  if (!parsed.success) throw new ReportInputError(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  let filters;
  try {
    filters = await definition.describeFilters(ctx, input);
  } catch (error) {
    if (error instanceof UnknownFilterValueError) {
      throw new ReportInputError({ [error.field]: error.message });
    }
    throw error;
  }
  const timezone = ctx.organization.timezone;
  const now = ctx.clock();
  const today = localDateOf(now, timezone);
  const fileName = `${definition.fileName}-${today}.${extension}`;
  if (extension === 'csv') {
    return {
      fileName,
      contentType: 'text/csv; charset=utf-8',
      body: renderCsv(definition.columns, definition.pages(ctx, input), dialect),
    };
  }
  const logo = await readOrganizationLogo(ctx, ctx.organization.id);
  const rows: Cell[][] = [];
  for await (const page of definition.pages(ctx, input)) {
    rows.push(...page);
    if (rows.length > PDF_MAX_ROWS) {
      throw new ReportInputError({
        _: `Relatório grande demais para PDF (mais de ${PDF_MAX_ROWS.toLocaleString('pt-BR')} linhas): filtre mais ou baixe em CSV.`,
      });
    }
  }
  const heading: ReportHeading = {
    organizationName: ctx.organization.name,
    companyLines: companyContactLines(describeCompany(ctx.organization)),
    title: definition.title,
    filters,
    generatedAt: formatLocalDateTimeBr(now, timezone),
    orientation: definition.orientation,
    logo: logo && {
      bytes: new Uint8Array(logo.bytes),
      format: logo.contentType === 'image/png' ? 'PNG' : 'JPEG',
    },
  };
  const totals = definition.totals
    ? await definition.totals(ctx, input, rows)
    : totalsOf(definition.columns, rows);
  return {
    fileName,
    contentType: 'application/pdf',
    body: await render({ heading, columns: definition.columns, rows, totals }),
  };
}

/** Builds a report for the caller's organization; bad filters throw ReportInputError. */
export function buildReport(
  ctx: OrgContext,
  kind: ReportKind,
  extension: ReportExtension,
  query: QueryValues,
  render: PdfRenderer = renderInThisThread,
): Promise<ReportFile> {
  switch (kind) {
    case 'clients':
      return buildWith(REPORT_DEFINITIONS.clients, ctx, extension, query, render);
    case 'appointments':
      return buildWith(REPORT_DEFINITIONS.appointments, ctx, extension, query, render);
    case 'finance':
      return buildWith(REPORT_DEFINITIONS.finance, ctx, extension, query, render);
    case 'finance-summary':
      return buildWith(REPORT_DEFINITIONS['finance-summary'], ctx, extension, query, render);
  }
}
