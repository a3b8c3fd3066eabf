import type { ReactNode } from 'react';
import { ANY_PAST, LocalDateInput } from './date-fields';

/** One end of a range: its label (the page's own words) and its 'YYYY-MM-DD' value ('' for none). */
export type DateRangeEnd = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** False while the field shows text it could not read (see LocalDateInput). */
  onValidityChange?: (valid: boolean) => void;
  error?: ReactNode;
};

/**
 * A From/To pair of filter dates (history filters, report and dashboard periods): typed dd/mm/aaaa, clearable,
 * any past date plausible. Two cells of the caller's group. `ordered`: the To field refuses a date before From.
 *
 * apps/desktop/test/steps/dates-keyboard.ts counts each use as this file's date fields in the page that uses
 * it: the page's DATE_FIELD_PLACES entry lists both labels.
 */
export function DateRangeFields({
  from,
  to,
  w,
  ordered = false,
}: {
  from: DateRangeEnd;
  to: DateRangeEnd;
  /** Each field's width; none: the caller's layout decides (e.g. a growing group). */
  w?: number;
  ordered?: boolean;
}) {
  return (
    <>
      <LocalDateInput
        label={from.label}
        w={w}
        clearable
        saneWindow={ANY_PAST}
        value={from.value}
        onChange={from.onChange}
        onValidityChange={from.onValidityChange}
        error={from.error}
      />
      <LocalDateInput
        label={to.label}
        w={w}
        clearable
        saneWindow={ANY_PAST}
        value={to.value}
        onChange={to.onChange}
        onValidityChange={to.onValidityChange}
        error={to.error}
        minDate={ordered ? from.value || undefined : undefined}
      />
    </>
  );
}
