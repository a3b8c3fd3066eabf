import { TZDate } from '@date-fns/tz';

// Business dates are local to the organization's time zone ('YYYY-MM-DD'); instants are UTC `Date`s.
// Time-zone offsets (and Brazil's past DST rules) come from the platform's IANA data through @date-fns/tz.

/** A local date as 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A local month as 'YYYY-MM'. */
export type LocalMonth = string;

// One formatter per time zone: 'en-CA' writes dates as YYYY-MM-DD. Building a TZDate and formatting it
// per call was a visible share of a list call's CPU (every org-scoped list needs "today").
const localDateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local date of an instant in a time zone. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  let formatter = localDateFormats.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    localDateFormats.set(timezone, formatter);
  }
  return formatter.format(instant);
}

/** The first instant (UTC) of a local date in a time zone. */
export function startOfLocalDate(date: LocalDate, timezone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, timezone).getTime());
}

/** Calendar arithmetic on local dates; no time zone involved. */
export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function localMonthOf(date: LocalDate): LocalMonth {
  return date.slice(0, 7);
}

export function addMonthsToLocalMonth(month: LocalMonth, months: number): LocalMonth {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 1 + months, 1)).toISOString().slice(0, 7);
}

/** Every month from `first` to `last`, both included. */
export function localMonthsBetween(first: LocalMonth, last: LocalMonth): LocalMonth[] {
  const months: LocalMonth[] = [];
  for (let month = first; month <= last; month = addMonthsToLocalMonth(month, 1)) months.push(month);
  return months;
}

/** Renders a local date for people: '2026-11-29' → '29/11/2026'. */
export function formatLocalDateBr(date: LocalDate): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return `${day}/${month}/${year}`;
}

const hourMinuteFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as people read it in a time zone: '29/11/2026 18:05' (a report's "gerado em"). */
export function formatLocalDateTimeBr(instant: Date, timezone: string): string {
  let formatter = hourMinuteFormats.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('pt-BR', { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
    hourMinuteFormats.set(timezone, formatter);
  }
  return `${formatLocalDateBr(localDateOf(instant, timezone))} ${formatter.format(instant)}`;
}
