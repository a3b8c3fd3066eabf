import { Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZLocalDate, ZLocalTime, z } from '@picineiros/api/client';
import { showMutationError, showSuccess, validateWith } from '../../components/forms';
import { DialogButtons } from '../../components/save-row';
import { formatLocalDate, t } from '../../i18n';
import { useUpdateAppointment } from '../../queries/hooks';
import { OverlapWarning, slotOf, useOverlapCheck, useShownOverlapIds } from './overlaps';
import type { Appointment } from './visit-form';
import { VisitWhenFields } from './visit-when-fields';

const ZRescheduleValues = z.object({ date: ZLocalDate, startTime: ZLocalTime });

/**
 * Moves a visit to another date and time (the drag's target, or the "Remarcar" dialog): warns about
 * overlaps first (the user may go ahead), then updates with the version the user saw, so a visit changed
 * meanwhile is refused with the conflict message instead of being overwritten.
 */
export function useReschedule() {
  const update = useUpdateAppointment();
  const checkOverlaps = useOverlapCheck();
  const reschedule = async (
    appointment: Appointment,
    target: { date: string; startTime: string },
    options: { alreadyShown?: readonly string[]; onDone?: () => void } = {},
  ): Promise<void> => {
    const slot = slotOf({ ...appointment, ...target, excludeId: appointment.id });
    if (slot && !(await checkOverlaps(slot, options.alreadyShown))) return;
    update.mutate(
      { id: appointment.id, version: appointment.version, date: target.date, startTime: target.startTime },
      {
        onSuccess: (saved) => {
          showSuccess(
            t('appointments.rescheduled', { date: formatLocalDate(saved.date), time: saved.startTime }),
          );
          options.onDone?.();
        },
        onError: (error) => showMutationError(error),
      },
    );
  };
  return { reschedule, isPending: update.isPending };
}

/** The keyboard's way to move a visit: date and time, with the overlap warning live. */
export function RescheduleForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const { reschedule, isPending } = useReschedule();
  const form = useForm({
    initialValues: { date: appointment.date, startTime: appointment.startTime },
    validate: validateWith(ZRescheduleValues, (values: { date: string; startTime: string }) => values),
  });
  const slot = slotOf({ ...appointment, ...form.values, excludeId: appointment.id });
  const shown = useShownOverlapIds(slot);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => void reschedule(appointment, values, { alreadyShown: shown, onDone }),
      )}
    >
      <Stack>
        <Text size="sm">
          {appointment.clientName}, {formatLocalDate(appointment.date)} {appointment.startTime}
        </Text>
        <Group grow align="flex-start">
          <VisitWhenFields form={form} autoFocus />
        </Group>
        <OverlapWarning slot={slot} />
        <DialogButtons
          onCancel={onDone}
          loading={isPending}
          submitLabel={t('appointments.actions.reschedule')}
        />
      </Stack>
    </form>
  );
}
