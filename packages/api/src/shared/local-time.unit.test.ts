import { describe, expect, it } from 'vitest';
import { localDateOf } from './local-time';

describe('localDateOf', () => {
  it('gives the local calendar date, also across midnight, a year end and a past DST change', () => {
    const cases: [string, string, string][] = [
      // São Paulo is UTC-3 today: 02:59 UTC is still the previous local day.
      ['2026-11-30T02:59:59Z', 'America/Sao_Paulo', '2026-11-29'],
      ['2026-11-30T03:00:00Z', 'America/Sao_Paulo', '2026-11-30'],
      ['2027-01-01T02:30:00Z', 'America/Sao_Paulo', '2026-12-31'],
      // Brazil still had DST in 2018 (UTC-2 in summer): 02:30 UTC was already the next local day.
      ['2018-12-31T02:30:00Z', 'America/Sao_Paulo', '2018-12-31'],
      ['2026-11-30T02:00:00Z', 'America/Manaus', '2026-11-29'],
      ['2026-11-30T02:00:00Z', 'America/Noronha', '2026-11-30'],
      ['2026-11-30T02:00:00Z', 'UTC', '2026-11-30'],
    ];
    for (const [instant, timezone, expected] of cases) {
      expect(localDateOf(new Date(instant), timezone), `${instant} in ${timezone}`).toBe(expected);
    }
  });
});
