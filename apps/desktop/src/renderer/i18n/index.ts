import { formatLocalMonth } from '@picineiros/api/client';
import { ptBR, type Messages } from './pt-br';

// The one i18n layer: `t('clients.title')` for strings, `format*` for numbers and dates (pt-BR, BRL).

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;

export const LOCALE = 'pt-BR';

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let node: unknown = ptBR;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Keys of counted phrases: a `{ zero?, one, other }` group of messages. */
type CountedKey = {
  [K in MessageKey]: K extends `${infer Group}.other`
    ? `${Group}.one` extends MessageKey
      ? Group
      : never
    : never;
}[MessageKey];

/**
 * A counted phrase: `tCount('common.totalRecords', 40)` → '40 registros', 1 → '1 registro', 0 → 'Nenhum
 * registro' (or the 'other' form when there is no 'zero'). `{count}` is the number formatted for pt-BR.
 * Not Intl.PluralRules: CLDR's "pt" puts 0 in the singular.
 */
export function tCount(key: CountedKey, count: number, params: Record<string, string | number> = {}): string {
  const zero = `${key}.zero` as MessageKey;
  const form: MessageKey =
    count === 0 && t(zero) !== zero ? zero : (`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey);
  return t(form, { ...params, count: integer.format(count) });
}

const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'BRL' });
const integer = new Intl.NumberFormat(LOCALE);

/** Cents (integer) → 'R$ 1.234,56'. */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

export function formatNumber(value: number): string {
  return integer.format(value);
}

/** A local date 'YYYY-MM-DD' → 'dd/MM/yyyy', without going through a time zone. */
export { formatLocalDateBr as formatLocalDate } from '@picineiros/api/client';

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short' });
const weekday = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: '2-digit', month: '2-digit' });

/** An instant → 'dd/MM/yyyy HH:mm' in the user's time zone. */
export function formatDateTime(instant: Date | string): string {
  return dateTime.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** An instant → 'dd/MM/yyyy', the day in the user's time zone. */
export function formatDate(instant: Date | string): string {
  return dateOnly.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** A local date → 'seg., 02/03'. */
export function formatWeekday(date: string): string {
  return weekday.format(new Date(`${date}T12:00:00`));
}

/** 'YYYY-MM' → 'jul/2026', as the reports write it. */
export function formatMonth(month: string): string {
  return formatLocalMonth(month);
}

/** '1234,56' or '1.234,56' or 'R$ 12' → cents; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[R$\s.]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** Cents → '1234,56' for an input field. */
export function centsToInput(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ',');
}
