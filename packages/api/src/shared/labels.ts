// The words people read for the data model's enumerations, in pt-BR, said once. The screens (the renderer's
// i18n), the reports (CSV and PDF, built by the server and by the desktop core), the calendar feed, the
// notifications and the e-mails all take them from here, so a visit is never "Concluído" on screen and
// "Realizado" in the file. Client-safe: no ORM, no Node, nothing but constants and small functions.
import type {
  AppointmentStatus,
  BillingType,
  FinanceStatus,
  InvoiceStatus,
  MembershipRole,
  PaymentMethod,
  PoolLocation,
  PoolType,
  SubscriptionStatus,
} from '@picineiros/db/constants';

export const APPOINTMENT_STATUS_LABELS = {
  pending: 'Pendente',
  confirmed: 'Confirmado',
  done: 'Concluído',
  cancelled: 'Cancelado',
} as const satisfies Record<AppointmentStatus, string>;

export const FINANCE_STATUS_LABELS = {
  pending: 'Pendente',
  paid: 'Pago',
} as const satisfies Record<FinanceStatus, string>;

/** A pending entry due before today (computed, never stored). */
export const FINANCE_OVERDUE_LABEL = 'Em atraso';

/** What an entry shows: paid, overdue or pending. */
export function financeStatusLabel(entry: { status: FinanceStatus; overdue: boolean }): string {
  if (entry.status === 'paid') return FINANCE_STATUS_LABELS.paid;
  return entry.overdue ? FINANCE_OVERDUE_LABEL : FINANCE_STATUS_LABELS.pending;
}

export const PAYMENT_METHOD_LABELS = {
  pix: 'PIX',
  cash: 'Dinheiro',
  bank_transfer: 'Transferência',
  boleto: 'Boleto',
  card: 'Cartão',
} as const satisfies Record<PaymentMethod, string>;

export const POOL_TYPE_LABELS = {
  fiberglass: 'Fibra',
  vinyl: 'Vinil',
  masonry: 'Alvenaria/azulejo',
  other: 'Outro',
} as const satisfies Record<PoolType, string>;

// "Externa" is what the screens always said and what an office says of a pool in the garden; "Coberta" is
// the usual word for one under a roof ("Interna" reads like an indoor room, "Descoberta" like a discovery).
export const POOL_LOCATION_LABELS = {
  outdoor: 'Externa',
  indoor: 'Coberta',
} as const satisfies Record<PoolLocation, string>;

export const POOL_HEATED_LABEL = 'Aquecida';

export const CLIENT_STATE_LABELS = {
  active: 'Ativo',
  inactive: 'Inativo',
  archived: 'Arquivado',
} as const;

export const MEMBERSHIP_ROLE_LABELS = {
  owner: 'Proprietário',
  admin: 'Administrador',
  staff: 'Equipe',
} as const satisfies Record<MembershipRole, string>;

export const SUBSCRIPTION_STATUS_LABELS = {
  trialing: 'Em teste',
  active: 'Ativa',
  past_due: 'Em atraso',
  canceled: 'Cancelada',
  expired: 'Expirada',
} as const satisfies Record<SubscriptionStatus, string>;

export const INVOICE_STATUS_LABELS = {
  pending: 'Pendente',
  confirmed: 'Confirmada',
  received: 'Paga',
  overdue: 'Em atraso',
  refunded: 'Estornada',
  deleted: 'Removida',
} as const satisfies Record<InvoiceStatus, string>;

export const BILLING_TYPE_LABELS = {
  pix: 'PIX',
  boleto: 'Boleto',
  credit_card: 'Cartão de crédito',
} as const satisfies Record<BillingType, string>;

// Written out rather than taken from Intl: pt-BR's short month names carry a dot ("jul.") and vary with the
// ICU version, and a chart, a PDF and a test must read the same.
const MONTH_ABBREVIATIONS = [
  'jan',
  'fev',
  'mar',
  'abr',
  'mai',
  'jun',
  'jul',
  'ago',
  'set',
  'out',
  'nov',
  'dez',
] as const;

/**
 * A local month 'YYYY-MM' as people read it everywhere (charts, reports): 'jul/2026'. The four-digit year
 * keeps it from reading as a day ('jul/26' could be the 26th).
 */
export function formatLocalMonth(month: string): string {
  const [year, number] = month.split('-');
  const name = MONTH_ABBREVIATIONS[Number(number) - 1];
  return name && year ? `${name}/${year}` : month;
}

const integerBr = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });

export type CountWords = {
  /** The word after 1: 'registro'. */
  one: string;
  /** The word after any other count: 'registros'. */
  other: string;
  /** The whole phrase for none, when it reads better than '0 registros': 'nenhum registro'. */
  zero?: string;
};

/**
 * '1 registro', '40 registros', '1.234 registros', 'nenhum registro'. Not Intl.PluralRules: CLDR's "pt"
 * puts 0 in the singular ('0 registro'), which Brazilian readers find wrong.
 */
export function formatCount(count: number, words: CountWords): string {
  if (count === 0 && words.zero !== undefined) return words.zero;
  return `${integerBr.format(count)} ${count === 1 ? words.one : words.other}`;
}
