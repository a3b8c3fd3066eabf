// Dates as a Brazilian office types them: day first, always. No time zone and no Date parsing involved (the
// browser's and dayjs' parsers read "08/12/2026" as August 12th), so the same text gives the same date on any
// machine. Client-safe: the renderer's date fields use it; nothing here touches the ORM or Node.

/** A local date 'YYYY-MM-DD'. */
type LocalDate = string;

export type TypedDate =
  | { status: 'empty' }
  | { status: 'valid'; date: LocalDate }
  /** 'unreadable': not a date format we read; 'impossible': read, but no such day (31/02, month 13, year 0026). */
  | { status: 'invalid'; reason: 'unreadable' | 'impossible' };

const SEPARATED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^(\d{2})(\d{2})(\d{2}|\d{4})$/;

/** Years a business date may have; anything else is a typo (0226, 20226) rather than a date. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/**
 * Reads what was typed into a date field: dd/mm/aaaa, d/m/aa, dd.mm.aaaa, dd-mm-aaaa, ddmmaaaa, ddmmaa, and the
 * ISO 'aaaa-mm-dd' (a pasted value). Two-digit years are 20aa. Anything else is refused, never guessed.
 */
export function parseTypedDate(text: string): TypedDate {
  // Spaces around separators ("8 / 12 / 2026") are noise; spaces inside a number are not.
  const cleaned = text.trim().replace(/\s*([/.-])\s*/g, '$1');
  if (cleaned === '') return { status: 'empty' };
  const iso = ISO.exec(cleaned);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parts = SEPARATED.exec(cleaned) ?? DIGITS.exec(cleaned);
  if (!parts) return { status: 'invalid', reason: 'unreadable' };
  const [, day = '', month = '', year = ''] = parts;
  return dateOf(year.length === 2 ? 2000 + Number(year) : Number(year), Number(month), Number(day));
}

function dateOf(year: number, month: number, day: number): TypedDate {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) {
    return { status: 'invalid', reason: 'impossible' };
  }
  if (day > daysInMonth(year, month)) return { status: 'invalid', reason: 'impossible' };
  return { status: 'valid', date: `${year}-${pad(month)}-${pad(day)}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** 'YYYY-MM-DD' → 'dd/mm/aaaa', what a date field shows. */
export { formatLocalDateBr as formatTypedDate } from './local-time';

/** The same day `years` years away; 29/02 in a year without it becomes 28/02. */
export function shiftYears(date: LocalDate, years: number): LocalDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const target = year + years;
  return `${target}-${pad(month)}-${pad(Math.min(day, daysInMonth(target, month)))}`;
}

/** How far from today a date may be before the user is asked "is this right?"; null: no limit that way. */
export type SaneWindow = { yearsBack: number | null; yearsAhead: number | null };

/** A visit's or a due date's window: more than 2 years back or 5 years ahead is most likely a typo. */
export const DEFAULT_SANE_WINDOW: SaneWindow = { yearsBack: 2, yearsAhead: 5 };

/** 'past' or 'future' when `date` lies beyond the window around `today`, else null. */
export function outsideSaneWindow(
  date: LocalDate,
  today: LocalDate,
  window: SaneWindow = DEFAULT_SANE_WINDOW,
): 'past' | 'future' | null {
  if (window.yearsBack !== null && date < shiftYears(today, -window.yearsBack)) return 'past';
  if (window.yearsAhead !== null && date > shiftYears(today, window.yearsAhead)) return 'future';
  return null;
}
