// What a report's rows look like, from the list views (ClientView, AppointmentView, FinanceEntryView) to
// plain cells. No ORM here: the server builds its reports with it from Postgres or SQLite, and the desktop
// core builds the same files from its local replica, so both give byte-identical CSVs for the same data.
import type { AppointmentView } from '../appointments/service';
import type { ClientView } from '../clients/service';
import type { FinanceEntryView } from '../finance/service';
import {
  APPOINTMENT_STATUS_LABELS,
  CLIENT_STATE_LABELS,
  financeStatusLabel,
  PAYMENT_METHOD_LABELS,
  POOL_HEATED_LABEL,
  POOL_LOCATION_LABELS,
  POOL_TYPE_LABELS,
  formatCount,
} from '../shared/labels';
import { localDateOf } from '../shared/local-time';
import { totalsOf, type Cell, type ReportColumn, type ReportHeading } from './table';

/** Title, file name (ASCII, no extension) and page orientation of each report. */
export const REPORT_META = {
  clients: { title: 'Clientes e piscinas', fileName: 'clientes', orientation: 'landscape' },
  appointments: { title: 'Atendimentos', fileName: 'atendimentos', orientation: 'landscape' },
  finance: { title: 'Lançamentos financeiros', fileName: 'lancamentos', orientation: 'landscape' },
  'finance-summary': { title: 'Resumo financeiro', fileName: 'resumo-financeiro', orientation: 'portrait' },
} as const satisfies Record<
  string,
  { title: string; fileName: string; orientation: ReportHeading['orientation'] }
>;

export const clientColumns: ReportColumn[] = [
  { header: 'Nome', type: 'text', width: 2.1 },
  { header: 'CPF/CNPJ', type: 'text', width: 1.5 },
  { header: 'Telefone', type: 'text', width: 1.6 },
  { header: 'E-mail', type: 'text', width: 2 },
  { header: 'Endereço', type: 'text', width: 2.2 },
  { header: 'Cidade/UF', type: 'text', width: 1.3 },
  { header: 'Situação', type: 'text', width: 0.9 },
  { header: 'Piscinas', type: 'text', width: 2.3 },
  { header: 'Qtd. piscinas', type: 'integer', width: 1.15, total: true },
  { header: 'Volume total (L)', type: 'integer', width: 1.2, total: true },
];

export function clientRow(client: ClientView): Cell[] {
  const address = client.address;
  const street = [address.street, address.number].filter(Boolean).join(', ');
  const line = [street, address.complement, address.district, address.cepMasked].filter(Boolean).join(' - ');
  const city = [address.city, address.uf].filter(Boolean).join('/');
  const pools = client.pools.map((pool) =>
    [
      pool.label,
      POOL_TYPE_LABELS[pool.type],
      pool.volumeLiters === null ? null : `${pool.volumeLiters.toLocaleString('pt-BR')} L`,
      POOL_LOCATION_LABELS[pool.location],
      pool.heated ? POOL_HEATED_LABEL : null,
    ]
      .filter(Boolean)
      .join(', '),
  );
  const volume = client.pools.reduce((sum, pool) => sum + (pool.volumeLiters ?? 0), 0);
  return [
    client.name,
    client.documentMasked,
    client.phoneMasked,
    client.email,
    line || null,
    city || null,
    client.deletedAt
      ? CLIENT_STATE_LABELS.archived
      : client.active
        ? CLIENT_STATE_LABELS.active
        : CLIENT_STATE_LABELS.inactive,
    pools.join('\n'),
    client.pools.length,
    volume,
  ];
}

export const appointmentColumns: ReportColumn[] = [
  { header: 'Data', type: 'date', width: 1 },
  { header: 'Início', type: 'text', width: 0.7 },
  { header: 'Duração (min)', type: 'integer', width: 0.8 },
  { header: 'Cliente', type: 'text', width: 2 },
  { header: 'Piscina', type: 'text', width: 1.3 },
  { header: 'Responsável', type: 'text', width: 1.4 },
  { header: 'Situação', type: 'text', width: 1 },
  { header: 'Valor', type: 'cents', width: 1.1, total: true },
  { header: 'Observações', type: 'text', width: 2.5 },
];

/** A visit as a row; pool and member names come from the caller (the server's tables or the replica). */
export function appointmentRow(
  item: AppointmentView,
  poolNames: ReadonlyMap<string, string>,
  memberNames: ReadonlyMap<string, string>,
): Cell[] {
  return [
    item.date,
    item.startTime,
    item.durationMinutes,
    item.clientName,
    item.poolId ? (poolNames.get(item.poolId) ?? null) : null,
    item.assigneeId ? (memberNames.get(item.assigneeId) ?? null) : 'Todos',
    APPOINTMENT_STATUS_LABELS[item.status],
    item.priceCents,
    item.notes,
  ];
}

const APPOINTMENT_STATUS_COLUMN = appointmentColumns.findIndex((column) => column.header === 'Situação');

/**
 * The visits' totals row: a cancelled visit is not work done nor money to receive, so it counts in neither
 * the number nor the sum of the prices, and the label says so.
 */
export function appointmentTotals(rows: readonly Cell[][]): Cell[] {
  const counted = rows.filter(
    (row) => row[APPOINTMENT_STATUS_COLUMN] !== APPOINTMENT_STATUS_LABELS.cancelled,
  );
  const totals = totalsOf(appointmentColumns, counted);
  totals[0] = `Total sem cancelados (${formatCount(counted.length, { one: 'atendimento', other: 'atendimentos' })})`;
  return totals;
}

export const financeColumns: ReportColumn[] = [
  { header: 'Vencimento', type: 'date', width: 1.15 },
  { header: 'Cliente', type: 'text', width: 2.3 },
  { header: 'Descrição', type: 'text', width: 2.6 },
  { header: 'Situação', type: 'text', width: 0.9 },
  { header: 'Pago em', type: 'date', width: 0.95 },
  { header: 'Forma', type: 'text', width: 1.3 },
  { header: 'Valor', type: 'cents', width: 1.25, total: true },
];

export function financeRow(entry: FinanceEntryView, timezone: string): Cell[] {
  return [
    entry.dueDate,
    entry.clientName,
    entry.description,
    financeStatusLabel(entry),
    entry.paidAt ? localDateOf(entry.paidAt, timezone) : null,
    entry.paymentMethod ? PAYMENT_METHOD_LABELS[entry.paymentMethod] : null,
    entry.amountCents,
  ];
}
