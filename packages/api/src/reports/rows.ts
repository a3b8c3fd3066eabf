// What a report's rows look like, from the list views (ClientView, AppointmentView, FinanceEntryView) to
// plain cells. No ORM here: the server builds its reports with it from Postgres or SQLite, and the desktop
// core builds the same files from its local replica, so both give byte-identical CSVs for the same data.
import type { AppointmentStatus, PaymentMethod } from '@picineiros/db/constants';
import type { AppointmentView } from '../appointments/service';
import { POOL_TYPE_LABELS } from '../clients/schema';
import type { ClientView } from '../clients/service';
import type { FinanceEntryView } from '../finance/service';
import { localDateOf } from '../shared/local-time';
import type { Cell, ReportColumn, ReportHeading } from './table';

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

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  pending: 'Pendente',
  confirmed: 'Confirmado',
  done: 'Realizado',
  cancelled: 'Cancelado',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  pix: 'PIX',
  cash: 'Dinheiro',
  bank_transfer: 'Transferência',
  boleto: 'Boleto',
  card: 'Cartão',
};

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
      pool.location === 'indoor' ? 'coberta' : 'descoberta',
      pool.heated ? 'aquecida' : null,
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
    client.deletedAt ? 'Arquivado' : client.active ? 'Ativo' : 'Inativo',
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
    entry.status === 'paid' ? 'Pago' : entry.overdue ? 'Vencido' : 'Pendente',
    entry.paidAt ? localDateOf(entry.paidAt, timezone) : null,
    entry.paymentMethod ? PAYMENT_METHOD_LABELS[entry.paymentMethod] : null,
    entry.amountCents,
  ];
}
