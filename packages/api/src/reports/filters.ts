// A report's filters as people read them under its heading ('Situação: Pendente'), from the list's own input.
// No ORM here: the server (reports/definitions.ts) and the desktop core (core/report-export.ts) each look up
// the names an id stands for in their own store, then describe the filters with these same functions.
import type { TListAppointmentsInput } from '../appointments/schema';
import type { TListClientsInput } from '../clients/schema';
import type { TListFinanceEntriesInput } from '../finance/schema';
import {
  APPOINTMENT_STATUS_LABELS,
  FINANCE_OVERDUE_LABEL,
  FINANCE_STATUS_LABELS,
  POOL_TYPE_LABELS,
} from '../shared/labels';
import { formatLocalDateBr } from '../shared/local-time';
import type { ReportFilter } from './table';

/** The names of the ids a filter holds, looked up by the caller (which refuses an id it does not know). */
export type FilterNames = { client?: string; assignee?: string };

const yesNo = (value: boolean) => (value ? 'Sim' : 'Não');

const INCLUDES_ARCHIVED: ReportFilter = { label: 'Inclui arquivados', value: 'Sim' };

/** 'Período: 01/03/2026 a 31/03/2026', 'a partir de …', 'até …'; nothing for an open period. */
export function describePeriod(
  from: string | undefined,
  to: string | undefined,
  label = 'Período',
): ReportFilter[] {
  if (!from && !to) return [];
  const value =
    from && to
      ? `${formatLocalDateBr(from)} a ${formatLocalDateBr(to)}`
      : from
        ? `a partir de ${formatLocalDateBr(from)}`
        : `até ${formatLocalDateBr(to ?? '')}`;
  return [{ label, value }];
}

function clientFilter(names: FilterNames): ReportFilter[] {
  return names.client === undefined ? [] : [{ label: 'Cliente', value: names.client }];
}

export function describeClientFilters(input: TListClientsInput): ReportFilter[] {
  return [
    ...(input.search ? [{ label: 'Busca', value: input.search }] : []),
    ...(input.active === undefined
      ? []
      : [{ label: 'Situação', value: input.active ? 'Ativos' : 'Inativos' }]),
    ...(input.poolType ? [{ label: 'Tipo de piscina', value: POOL_TYPE_LABELS[input.poolType] }] : []),
    ...(input.includeArchived ? [INCLUDES_ARCHIVED] : []),
  ];
}

export function describeAppointmentFilters(
  input: TListAppointmentsInput,
  names: FilterNames,
): ReportFilter[] {
  return [
    ...describePeriod(input.from, input.to),
    ...clientFilter(names),
    ...(input.status?.length
      ? [
          {
            label: 'Situação',
            value: input.status.map((status) => APPOINTMENT_STATUS_LABELS[status]).join(', '),
          },
        ]
      : []),
    ...(names.assignee === undefined ? [] : [{ label: 'Responsável', value: names.assignee }]),
    ...(input.includeArchived ? [INCLUDES_ARCHIVED] : []),
  ];
}

export function describeFinanceFilters(input: TListFinanceEntriesInput, names: FilterNames): ReportFilter[] {
  return [
    ...describePeriod(input.from, input.to, 'Vencimento'),
    ...clientFilter(names),
    ...(input.status ? [{ label: 'Situação', value: FINANCE_STATUS_LABELS[input.status] }] : []),
    ...(input.overdue === undefined ? [] : [{ label: FINANCE_OVERDUE_LABEL, value: yesNo(input.overdue) }]),
    ...(input.search ? [{ label: 'Busca', value: input.search }] : []),
    ...(input.includeArchived ? [INCLUDES_ARCHIVED] : []),
  ];
}
