import { formatCentsPlain, formatDateBr, type Cell, type ReportColumn } from './table';

/**
 * `excel` (default): what Excel in pt-BR opens as is — UTF-8 with BOM, `;` between fields, decimal comma.
 * `rfc4180`: `,` between fields, decimal point, no BOM.
 */
export const CSV_DIALECTS = ['excel', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

const BOM = '\uFEFF';
// RFC 4180 ends records with CRLF; Excel reads it too.
const RECORD_END = '\r\n';

// A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `@SUM(…)`, a DDE
// `-2+3|cmd`…), and a tab or carriage return can smuggle one past the first character.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * OWASP's guard against CSV injection: a text cell that a spreadsheet would read as a formula gets a
 * leading single quote, so it shows as text. Only text reaches here: money and counts are typed numbers
 * (a negative amount stays `-12,34`, a number), and dates are written by us.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

function formatCsvCell(cell: Cell, column: ReportColumn, dialect: CsvDialect): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    return column.type === 'cents' ? formatCentsPlain(cell, dialect === 'excel' ? ',' : '.') : String(cell);
  }
  return column.type === 'date' ? formatDateBr(cell) : neutralizeFormula(cell);
}

/** Quotes a field when it holds the separator, a quote or a line break; quotes inside are doubled. */
export function quoteCsvField(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(values: readonly string[], dialect: CsvDialect): string {
  const separator = dialect === 'excel' ? ';' : ',';
  return values.map((value) => quoteCsvField(value, separator)).join(separator) + RECORD_END;
}

/**
 * The CSV file as chunks of UTF-8 bytes, one per page of rows: the caller pulls the next page only when
 * the previous chunk has been consumed, so memory stays bounded by one page whatever the row count.
 */
export async function* renderCsv(
  columns: readonly ReportColumn[],
  pages: AsyncIterable<Cell[][]>,
  dialect: CsvDialect = 'excel',
): AsyncGenerator<Buffer> {
  const header = csvRecord(
    columns.map((column) => column.header),
    dialect,
  );
  yield Buffer.from(dialect === 'excel' ? BOM + header : header, 'utf8');
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    const text = rows
      .map((row) =>
        csvRecord(
          columns.map((column, index) => formatCsvCell(row[index] ?? null, column, dialect)),
          dialect,
        ),
      )
      .join('');
    yield Buffer.from(text, 'utf8');
  }
}
