import { addDaysToLocalDate } from '@picineiros/api/client';

// Local calendar dates as 'YYYY-MM-DD' strings: today is the machine's local day; weekdays are read at noon so
// no DST jump moves the day.

export function todayLocal(): string {
  return toLocalDate(new Date());
}

export function toLocalDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Calendar arithmetic on 'YYYY-MM-DD': the API's one copy (shared/local-time.ts), under the pages' name. */
export const addDays = addDaysToLocalDate;

/** The Sunday that starts the week of `date` (Brazilian calendars start on Sunday). */
export function startOfWeek(date: string): string {
  return addDays(date, -new Date(`${date}T12:00:00`).getDay());
}
