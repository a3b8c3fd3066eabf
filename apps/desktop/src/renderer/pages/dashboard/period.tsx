import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import {
  ZDashboardSummaryInput,
  formatLocalMonth,
  addMonthsToLocalMonth,
  localMonthOf,
  fieldErrorsOf,
} from '@picineiros/api/client';
import { useCallback, type Dispatch, type SetStateAction } from 'react';
import { DateRangeFields } from '../../components/date-range-fields';
import { formatLocalDate, t } from '../../i18n';

// The Painel's period: a few presets an office thinks in, or any from–to range. "Este mês" is the summary
// without a range (the server's default: pending and overdue are then everything still owed); the others
// send from/to, and every figure, the revenue chart and "Atendimentos por situação" cover them.

export const PERIOD_PRESETS = ['month', 'lastMonth', 'last3Months', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type DashboardPeriod = {
  preset: PeriodPreset;
  from: string;
  to: string;
  /** A custom date field shows text it cannot read (its own field error): nothing is asked meanwhile. */
  unreadable?: { from?: boolean; to?: boolean };
};

export type DashboardRange = { from?: string; to?: string };

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year ?? 1970, number ?? 1, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/**
 * The range to ask for, relative to the organization's today; `{}` for "Este mês". `errors` holds field
 * errors for a custom range the server would refuse (shown on the fields; nothing is asked meanwhile).
 */
export function rangeOf(
  period: DashboardPeriod,
  today: string,
): { range: DashboardRange | null; errors: Record<string, string> } {
  const month = localMonthOf(today);
  switch (period.preset) {
    case 'month':
      return { range: {}, errors: {} };
    case 'lastMonth': {
      const last = addMonthsToLocalMonth(month, -1);
      return { range: { from: `${last}-01`, to: lastDayOf(last) }, errors: {} };
    }
    case 'last3Months':
      return { range: { from: `${addMonthsToLocalMonth(month, -2)}-01`, to: lastDayOf(month) }, errors: {} };
    case 'year':
      return { range: { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` }, errors: {} };
    case 'custom': {
      // Nothing typed yet, or text a field cannot read (it shows its own error): nothing to ask for.
      if (!period.from && !period.to) return { range: null, errors: {} };
      if (period.unreadable?.from || period.unreadable?.to) return { range: null, errors: {} };
      const range: DashboardRange = {
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
      };
      const checked = ZDashboardSummaryInput.safeParse(range);
      return checked.success ? { range, errors: {} } : { range: null, errors: fieldErrorsOf(checked.error) };
    }
  }
}

/** The period in words, for titles: 'dez/2026', 'out/2026 a dez/2026', '05/10/2026 a 20/11/2026'. */
export function describePeriod(range: { from: string | null; to: string | null }): string {
  const { from, to } = range;
  const wholeMonths = from && to && from.endsWith('-01') && to === lastDayOf(localMonthOf(to));
  if (wholeMonths) {
    const first = formatLocalMonth(localMonthOf(from));
    const last = formatLocalMonth(localMonthOf(to));
    return first === last ? first : t('dashboard.periodBetween', { from: first, to: last });
  }
  if (from && to) {
    return t('dashboard.periodBetween', { from: formatLocalDate(from), to: formatLocalDate(to) });
  }
  if (from) return t('dashboard.periodFrom', { date: formatLocalDate(from) });
  if (to) return t('dashboard.periodUntil', { date: formatLocalDate(to) });
  return t('dashboard.periodAll');
}

function markUnreadable(field: 'from' | 'to', unreadable: boolean) {
  return (period: DashboardPeriod): DashboardPeriod =>
    Boolean(period.unreadable?.[field]) === unreadable
      ? period
      : { ...period, unreadable: { ...period.unreadable, [field]: unreadable } };
}

export function DashboardPeriodPicker({
  period,
  onChange,
  errors,
}: {
  period: DashboardPeriod;
  onChange: Dispatch<SetStateAction<DashboardPeriod>>;
  errors: Record<string, string>;
}) {
  // Stable callbacks that change nothing when nothing changed: the date field reports its validity from an
  // effect that depends on the callback.
  const fromReadable = useCallback((valid: boolean) => onChange(markUnreadable('from', !valid)), [onChange]);
  const toReadable = useCallback((valid: boolean) => onChange(markUnreadable('to', !valid)), [onChange]);
  return (
    <Stack gap="xs" align="flex-end">
      <SegmentedControl
        aria-label={t('dashboard.period')}
        value={period.preset}
        onChange={(preset) => onChange({ ...period, preset })}
        data={PERIOD_PRESETS.map((preset) => ({ value: preset, label: t(`dashboard.presets.${preset}`) }))}
      />
      {period.preset === 'custom' ? (
        <Group align="flex-start" gap="sm">
          <DateRangeFields
            from={{
              label: t('dashboard.from'),
              value: period.from,
              onChange: (from) => onChange({ ...period, from }),
              onValidityChange: fromReadable,
              error: errors['from'],
            }}
            to={{
              label: t('dashboard.to'),
              value: period.to,
              onChange: (to) => onChange({ ...period, to }),
              onValidityChange: toReadable,
              error: errors['to'],
            }}
            w={180}
          />
        </Group>
      ) : null}
      {period.preset === 'custom' && !period.from && !period.to ? (
        <Text c="dimmed" size="xs">
          {t('dashboard.choosePeriod')}
        </Text>
      ) : null}
    </Stack>
  );
}
