import { describe, expect, it } from 'vitest';
import { financeStatusLabel, formatCount, formatLocalMonth } from './labels';

describe('shared labels', () => {
  it('write a month as jul/2026, every month, without a dot', () => {
    expect(formatLocalMonth('2026-07')).toBe('jul/2026');
    expect(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((month) =>
        formatLocalMonth(`2026-${month}`),
      ),
    ).toEqual([
      'jan/2026',
      'fev/2026',
      'mar/2026',
      'abr/2026',
      'mai/2026',
      'jun/2026',
      'jul/2026',
      'ago/2026',
      'set/2026',
      'out/2026',
      'nov/2026',
      'dez/2026',
    ]);
    // Not a month: left as it is rather than guessed.
    expect(formatLocalMonth('2026-13')).toBe('2026-13');
  });

  it('count with real plurals: 1 registro, 40 registros, 1.234 registros, nenhum registro', () => {
    const words = { one: 'registro', other: 'registros', zero: 'nenhum registro' };
    expect(formatCount(1, words)).toBe('1 registro');
    expect(formatCount(40, words)).toBe('40 registros');
    expect(formatCount(1234, words)).toBe('1.234 registros');
    expect(formatCount(0, words)).toBe('nenhum registro');
    expect(formatCount(0, { one: 'linha', other: 'linhas' })).toBe('0 linhas');
  });

  it('say "Em atraso" for a pending entry past due, "Pago" for a paid one even if it was late', () => {
    expect(financeStatusLabel({ status: 'pending', overdue: true })).toBe('Em atraso');
    expect(financeStatusLabel({ status: 'pending', overdue: false })).toBe('Pendente');
    expect(financeStatusLabel({ status: 'paid', overdue: true })).toBe('Pago');
  });
});
