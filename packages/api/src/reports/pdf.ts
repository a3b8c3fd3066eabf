import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { formatCellForPeople, totalsOf, type Cell, type ReportColumn, type ReportHeading } from './table';

const MARGIN = 14;
const HEADER_TOP = 14;
// Every page repeats the organization and the title; the table on later pages starts below them.
const LATER_PAGES_TOP = 26;
const FOOTER_GAP = 8;

// The logo fits a box left of the organization's name, above the heading's rule, keeping its proportions.
const LOGO_MAX_HEIGHT = 14;
const LOGO_MAX_WIDTH = 40;

/** Where the logo goes, or null when there is none or jsPDF cannot read it (a report never fails over a logo). */
function logoBox(
  doc: jsPDF,
  logo: ReportHeading['logo'],
): { top: number; width: number; height: number } | null {
  if (!logo) return null;
  try {
    const { width, height } = doc.getImageProperties(logo.bytes);
    if (!(width > 0 && height > 0)) return null;
    const scale = Math.min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
    const box = { width: width * scale, height: height * scale };
    // Centred on the two heading lines (name and title), which sit between 9 and 21 mm from the top.
    return { ...box, top: HEADER_TOP + 1 - box.height / 2 };
  } catch {
    return null;
  }
}

/**
 * The report as A4 PDF bytes. jsPDF's standard Helvetica is WinAnsi-encoded, which covers every letter of
 * Portuguese ("ção", "à", "õ") and the no-break space of 'R$ 1.234,56', so no font needs embedding;
 * characters outside WinAnsi (emoji, CJK) would print as garbage.
 */
export function renderPdf(
  heading: ReportHeading,
  columns: readonly ReportColumn[],
  rows: readonly Cell[][],
  totals: Cell[] | null = totalsOf(columns, rows),
): Buffer {
  const doc = new jsPDF({ format: 'a4', orientation: heading.orientation, unit: 'mm', compress: true });
  doc.setProperties({ title: heading.title, author: heading.organizationName, creator: 'Picineiros' });
  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const contentWidth = pageWidth - 2 * MARGIN;

  const logo = logoBox(doc, heading.logo);
  const textLeft = logo ? MARGIN + logo.width + 3 : MARGIN;

  const drawPageHeading = () => {
    if (logo && heading.logo) {
      // One image object, referenced again by its alias on later pages (the file does not grow per page).
      doc.addImage(
        heading.logo.bytes,
        heading.logo.format,
        MARGIN,
        logo.top,
        logo.width,
        logo.height,
        'logo',
      );
    }
    doc.setFont('helvetica', 'bold').setFontSize(13).setTextColor(20);
    doc.text(heading.organizationName, textLeft, HEADER_TOP);
    doc.setFont('helvetica', 'normal').setFontSize(11).setTextColor(60);
    doc.text(heading.title, textLeft, HEADER_TOP + 6);
    doc.setDrawColor(180).setLineWidth(0.2);
    doc.line(MARGIN, HEADER_TOP + 8.5, pageWidth - MARGIN, HEADER_TOP + 8.5);
  };

  drawPageHeading();
  let y = HEADER_TOP + 14;
  // The company's details (what a client reading the report needs to reach it), on the first page.
  if (heading.companyLines?.length) {
    doc.setFontSize(9).setTextColor(30);
    for (const line of heading.companyLines) {
      const wrapped = doc.splitTextToSize(line, contentWidth) as string[];
      doc.text(wrapped, MARGIN, y);
      y += 4.2 * wrapped.length;
    }
    y += 1.5;
  }
  // Filters and generation time only on the first page.
  doc.setFontSize(9).setTextColor(60);
  const filterLines = heading.filters.length
    ? heading.filters.map((filter) => `${filter.label}: ${filter.value}`)
    : ['Filtros: nenhum'];
  for (const line of [...filterLines, `Gerado em ${heading.generatedAt}`]) {
    const wrapped = doc.splitTextToSize(line, contentWidth) as string[];
    doc.text(wrapped, MARGIN, y);
    y += 4.2 * wrapped.length;
  }

  const weights = columns.map((column) => column.width ?? 1);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const numeric = (column: ReportColumn) => column.type === 'cents' || column.type === 'integer';
  const format = (row: readonly Cell[]) =>
    columns.map((column, index) => formatCellForPeople(row[index] ?? null, column.type));

  // The totals label spans the leading columns that have no total, so it never wraps in a narrow column.
  const footOf = (row: readonly Cell[]) => {
    const cells = format(row);
    const firstTotal = row.findIndex((cell, index) => index > 0 && cell !== null);
    const span = firstTotal === -1 ? cells.length : firstTotal;
    return [{ content: cells[0] ?? '', colSpan: span }, ...cells.slice(span)];
  };

  autoTable(doc, {
    head: [columns.map((column) => column.header)],
    body: rows.map(format),
    ...(totals ? { foot: [footOf(totals)], showFoot: 'lastPage' as const } : {}),
    startY: y + 2,
    margin: { top: LATER_PAGES_TOP, left: MARGIN, right: MARGIN, bottom: MARGIN + 4 },
    theme: 'striped',
    styles: { font: 'helvetica', fontSize: 8, cellPadding: 1.5, overflow: 'linebreak', valign: 'top' },
    headStyles: { fillColor: [0, 105, 148], textColor: 255, fontStyle: 'bold' },
    footStyles: { fillColor: [225, 236, 242], textColor: 20, fontStyle: 'bold' },
    columnStyles: Object.fromEntries(
      columns.map((column, index) => [
        index,
        {
          cellWidth: (contentWidth * (weights[index] ?? 1)) / weightSum,
          halign: numeric(column) ? ('right' as const) : ('left' as const),
        },
      ]),
    ),
    // Headings and totals line up with their column's values (money to the right).
    didParseCell: (data) => {
      const column = columns[data.column.index];
      if (data.section !== 'body' && column) data.cell.styles.halign = numeric(column) ? 'right' : 'left';
    },
    didDrawPage: (data) => {
      if (data.pageNumber > 1) drawPageHeading();
    },
  });

  // "Página X de Y" needs the final page count, so the footers are drawn once the table is laid out.
  const pageCount = doc.getNumberOfPages();
  for (let page = 1; page <= pageCount; page += 1) {
    doc.setPage(page);
    doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(110);
    doc.text(`${heading.organizationName} · ${heading.title}`, MARGIN, pageHeight - FOOTER_GAP);
    doc.text(`Página ${page} de ${pageCount}`, pageWidth - MARGIN, pageHeight - FOOTER_GAP, {
      align: 'right',
    });
  }
  return Buffer.from(doc.output('arraybuffer'));
}
