// Local calendar dates as 'YYYY-MM-DD' strings, computed at noon so no DST jump moves the day.

export function todayLocal(): string {
  return toLocalDate(new Date());
}

export function toLocalDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00`);
  value.setDate(value.getDate() + days);
  return toLocalDate(value);
}

/** The Sunday that starts the week of `date` (Brazilian calendars start on Sunday). */
export function startOfWeek(date: string): string {
  return addDays(date, -new Date(`${date}T12:00:00`).getDay());
}
