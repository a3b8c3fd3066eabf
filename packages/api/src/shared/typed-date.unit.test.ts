import { describe, expect, it } from 'vitest';
import { formatTypedDate, outsideSaneWindow, parseTypedDate, shiftYears } from './typed-date';

const valid = (date: string) => ({ status: 'valid', date });
const unreadable = { status: 'invalid', reason: 'unreadable' };
const impossible = { status: 'invalid', reason: 'impossible' };

describe('parseTypedDate', () => {
  it.each([
    // Day first, whatever the month: the bug was 08/12 read as August 12th and 25/12 as a month 25.
    ['08/12/2026', '2026-12-08'],
    ['25/12/2026', '2026-12-25'],
    ['12/08/2026', '2026-08-12'],
    ['01/02/2026', '2026-02-01'],
    // Short forms: one-digit day and month, two-digit year (20aa).
    ['8/12/26', '2026-12-08'],
    ['8/1/2027', '2027-01-08'],
    ['08/12/00', '2000-12-08'],
    ['31/12/99', '2099-12-31'],
    // Digits only: ddmmaaaa and ddmmaa.
    ['08122026', '2026-12-08'],
    ['081226', '2026-12-08'],
    ['25122026', '2026-12-25'],
    // Other separators and stray spaces.
    ['08.12.2026', '2026-12-08'],
    ['08-12-2026', '2026-12-08'],
    [' 08/12/2026 ', '2026-12-08'],
    ['8 / 12 / 2026', '2026-12-08'],
    // A pasted ISO date is unambiguous.
    ['2026-12-08', '2026-12-08'],
    // Leap days.
    ['29/02/2028', '2028-02-29'],
    ['29/02/2000', '2000-02-29'],
  ])('reads %s as %s', (text, date) => {
    expect(parseTypedDate(text)).toEqual(valid(date));
  });

  it.each([
    ['31/02/2026'],
    ['29/02/2026'],
    ['29/02/2100'],
    ['31/04/2026'],
    ['00/12/2026'],
    ['08/00/2026'],
    ['08/13/2026'],
    ['32/01/2026'],
    ['25/25/2026'],
    ['08/12/0226'],
    ['08/12/1899'],
    ['31022026'],
    ['2026-02-30'],
    ['2026-13-01'],
  ])('refuses the impossible %s', (text) => {
    expect(parseTypedDate(text)).toEqual(impossible);
  });

  it.each([
    ['abc'],
    ['amanhã'],
    ['08/12'],
    ['8/12/2'],
    ['08/12/202'],
    ['08/12/20266'],
    ['0812'],
    ['0812202'],
    ['081220266'],
    ['08/12/2026x'],
    ['08//12/2026'],
    ['08/12-2026x'],
    ['0 8/12/2026'],
    ['dd/mm/aaaa'],
    ['2026/12/08'],
    ['-08/12/2026'],
  ])('refuses the unreadable %j', (text) => {
    expect(parseTypedDate(text)).toEqual(unreadable);
  });

  it('tells an empty field apart', () => {
    expect(parseTypedDate('')).toEqual({ status: 'empty' });
    expect(parseTypedDate('   ')).toEqual({ status: 'empty' });
  });

  it('gives back what it formats', () => {
    for (const date of ['2026-12-08', '2000-01-01', '2028-02-29', '2199-12-31']) {
      expect(parseTypedDate(formatTypedDate(date))).toEqual(valid(date));
    }
    expect(formatTypedDate('2026-12-08')).toBe('08/12/2026');
  });
});

describe('outsideSaneWindow', () => {
  const today = '2026-12-07';

  it('lets 2 years back and 5 years ahead through, to the day', () => {
    expect(outsideSaneWindow('2024-12-07', today)).toBeNull();
    expect(outsideSaneWindow('2031-12-07', today)).toBeNull();
    expect(outsideSaneWindow(today, today)).toBeNull();
  });

  it('flags a day beyond either edge', () => {
    expect(outsideSaneWindow('2024-12-06', today)).toBe('past');
    expect(outsideSaneWindow('2001-02-01', today)).toBe('past');
    expect(outsideSaneWindow('2031-12-08', today)).toBe('future');
    expect(outsideSaneWindow('2099-12-31', today)).toBe('future');
  });

  it('takes a window per field, null for no limit', () => {
    expect(outsideSaneWindow('1990-01-01', today, { yearsBack: null, yearsAhead: 5 })).toBeNull();
    expect(outsideSaneWindow('2099-01-01', today, { yearsBack: null, yearsAhead: 5 })).toBe('future');
    expect(outsideSaneWindow('2099-01-01', today, { yearsBack: null, yearsAhead: null })).toBeNull();
    expect(outsideSaneWindow('2026-12-08', today, { yearsBack: 0, yearsAhead: 0 })).toBe('future');
  });

  it('shifts a leap day to the 28th in a year without one', () => {
    expect(shiftYears('2028-02-29', -2)).toBe('2026-02-28');
    expect(shiftYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(outsideSaneWindow('2026-02-28', '2028-02-29')).toBeNull();
    expect(outsideSaneWindow('2026-02-27', '2028-02-29')).toBe('past');
  });
});
