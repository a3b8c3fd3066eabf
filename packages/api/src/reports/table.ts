// The shape every report shares: typed columns and rows of plain cells, rendered alike to CSV and PDF.
import { formatCount } from '../shared/labels';
import { formatLocalDateBr } from '../shared/local-time';

/** How a cell is written: local dates ('YYYY-MM-DD') as dd/MM/yyyy, integer cents as money. */
export type ColumnType = 'text' | 'date' | 'cents' | 'integer';

export type Cell = string | number | null;

export type ReportColumn = {
  header: string;
  type: ColumnType;
  /** Relative width in the PDF (default 1). */
  width?: number;
  /** Summed in the PDF's totals row. */
  total?: boolean;
};

export type ReportFilter = { label: string; value: string };

/** Everything around the rows: who, what, which filters, when. */
export type ReportHeading = {
  organizationName: string;
  /** The company's CNPJ/CPF, phone, e-mail and address (organizations/company.ts), under the heading. */
  companyLines?: string[];
  title: string;
  filters: ReportFilter[];
  /** Already formatted in the organization's time zone ('29/11/2026 18:05'). */
  generatedAt: string;
  orientation: 'portrait' | 'landscape';
  /** The organization's logo (PNG or JPEG bytes), drawn beside its name on every page. */
  logo?: { bytes: Uint8Array; format: 'PNG' | 'JPEG' } | null;
};

/** '2026-11-29' → '29/11/2026'; anything else is left as it is. */
export function formatDateBr(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatLocalDateBr(value) : value;
}

/** Integer cents as a plain decimal without grouping ('-1234,56'), exact for any safe integer. */
export function formatCentsPlain(cents: number, decimalSeparator: ',' | '.'): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  return `${sign}${units}${decimalSeparator}${fraction}`;
}

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const integerBr = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });

/** A cell for people to read (the PDF): 'R$ 1.234,56', '30.000', '29/11/2026'. */
export function formatCellForPeople(cell: Cell, type: ColumnType): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (type === 'cents') return brl.format(cell / 100);
    return integerBr.format(cell);
  }
  return type === 'date' ? formatDateBr(cell) : cell;
}

/** The totals of the columns marked `total`, and the row count in the first column. */
export function totalsOf(columns: readonly ReportColumn[], rows: readonly Cell[][]): Cell[] {
  return columns.map((column, index) => {
    if (index === 0) return `Total (${formatCount(rows.length, { one: 'linha', other: 'linhas' })})`;
    if (!column.total) return null;
    return rows.reduce<number>((sum, row) => {
      const cell = row[index];
      return sum + (typeof cell === 'number' ? cell : 0);
    }, 0);
  });
}
