import type { UseFormReturnType } from '@mantine/form';
import { LocalDateInput, TimeField } from '../../components/date-fields';
import { t } from '../../i18n';

/**
 * A visit's Data and Início, both required (two cells of the caller's group): the visit form and Remarcar.
 * apps/desktop/test/steps/dates-keyboard.ts counts each use as this file's date field in the page that uses it.
 */
export function VisitWhenFields({
  form,
  autoFocus = false,
}: {
  form: Pick<
    UseFormReturnType<{ date: string; startTime: string }>,
    'values' | 'getInputProps' | 'setFieldValue'
  >;
  /** The date field takes the focus when its dialog opens. */
  autoFocus?: boolean;
}) {
  return (
    <>
      <LocalDateInput
        label={t('appointments.date')}
        required
        data-autofocus={autoFocus || undefined}
        {...form.getInputProps('date')}
        value={form.values.date}
        onChange={(value) => form.setFieldValue('date', value)}
      />
      <TimeField
        label={t('appointments.startTime')}
        required
        {...form.getInputProps('startTime')}
        value={form.values.startTime}
        onChange={(value) => form.setFieldValue('startTime', value)}
      />
    </>
  );
}
