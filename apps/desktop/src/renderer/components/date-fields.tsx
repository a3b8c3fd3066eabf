import { TextInput, type TextInputProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { applyMask, onlyDigits } from '@picineiros/api/shared/brazil';

/** A local date field shown as dd/MM/aaaa whatever the OS locale; the value stays 'YYYY-MM-DD'. */
export function LocalDateInput({
  value,
  onChange,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  return (
    <DateInput
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/aaaa"
      locale="pt-br"
    />
  );
}

/** A 24-hour time field (HH:mm) that masks as the user types. */
export function TimeField({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      {...props}
      value={value}
      inputMode="numeric"
      placeholder="hh:mm"
      onChange={(event) => onChange(applyMask('##:##', onlyDigits(event.currentTarget.value).slice(0, 4)))}
    />
  );
}
