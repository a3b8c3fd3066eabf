import { Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { ZCreateAppointmentInput } from '@picineiros/api/client';
import { useMemo, useState } from 'react';
import { showMutationError, showSuccess, validateWith } from '../../components/forms';
import { DialogButtons } from '../../components/save-row';
import { centsToInput, parseMoney, t } from '../../i18n';
import {
  useClient,
  useClients,
  useCreateAppointment,
  useMembers,
  useUpdateAppointment,
} from '../../queries/hooks';
import type { Outputs } from '../../queries/keys';
import { OverlapWarning, slotOf, useOverlapCheck, useShownOverlapIds, type Slot } from './overlaps';
import { StatusBadge } from '../../components/appointment-status-badge';
import { VisitWhenFields } from './visit-when-fields';

export type Appointment = Outputs['appointments']['get'];

type FormValues = {
  clientId: string;
  poolId: string;
  date: string;
  startTime: string;
  durationMinutes: number | string;
  assigneeId: string;
  price: string;
  notes: string;
};

function toInput(values: FormValues) {
  return {
    clientId: values.clientId,
    poolId: values.poolId || null,
    date: values.date,
    startTime: values.startTime,
    durationMinutes: values.durationMinutes === '' ? 60 : Number(values.durationMinutes),
    assigneeId: values.assigneeId || null,
    priceCents: values.price.trim() === '' ? null : (parseMoney(values.price) ?? -1),
    notes: values.notes.trim() === '' ? null : values.notes,
  };
}

function initialValues(appointment: Appointment | undefined, defaultDate: string): FormValues {
  if (!appointment) {
    return {
      clientId: '',
      poolId: '',
      date: defaultDate,
      startTime: '08:00',
      durationMinutes: 60,
      assigneeId: '',
      price: '',
      notes: '',
    };
  }
  return {
    clientId: appointment.clientId,
    poolId: appointment.poolId ?? '',
    date: appointment.date,
    startTime: appointment.startTime,
    durationMinutes: appointment.durationMinutes,
    assigneeId: appointment.assigneeId ?? '',
    price: centsToInput(appointment.priceCents),
    notes: appointment.notes ?? '',
  };
}

/**
 * A new visit, or an existing one (`appointment`) to edit: client and pool, date, time, duration, price,
 * "Responsável" and notes. Editing sends the version it started from, so a change made meanwhile by someone
 * else is refused with a clear message instead of being overwritten. Overlaps warn and never block.
 */
export function AppointmentForm({
  onDone,
  defaultDate,
  appointment,
}: {
  onDone: () => void;
  defaultDate: string;
  appointment?: Appointment;
}) {
  // The visit as the form opened it: its version guards the save even if the visit is read again meanwhile.
  const [original] = useState(appointment);
  const create = useCreateAppointment();
  const update = useUpdateAppointment();
  const checkOverlaps = useOverlapCheck();
  const members = useMembers();
  // The search box shows the chosen client's name (Mantine keeps it in step once the user picks one).
  const [clientSearch, setClientSearch] = useState(original?.clientName ?? '');
  const [debouncedSearch] = useDebouncedValue(clientSearch, 200);
  const clients = useClients({ search: debouncedSearch || undefined, pageSize: 20, active: true });
  const form = useForm<FormValues>({
    initialValues: initialValues(original, defaultDate),
    validate: validateWith(ZCreateAppointmentInput, toInput),
  });
  const client = useClient(form.values.clientId || undefined);
  // Debounced as text: a new object each render would restart the timer forever.
  const [slotKey] = useDebouncedValue(
    JSON.stringify(slotOf({ ...toInput(form.values), excludeId: original?.id })),
    300,
  );
  const slot = useMemo(() => JSON.parse(slotKey) as Slot | null, [slotKey]);
  const shownOverlaps = useShownOverlapIds(slot);

  const clientOptions = clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? [];
  // The visit's own client stays choosable while the search shows others (or it is no longer active).
  if (original && !clientOptions.some((option) => option.value === original.clientId)) {
    clientOptions.unshift({ value: original.clientId, label: original.clientName });
  }
  const saving = create.isPending || update.isPending;

  const save = async (values: FormValues) => {
    const data = toInput(values);
    const checked = slotOf({ ...data, excludeId: original?.id });
    if (checked && !(await checkOverlaps(checked, shownOverlaps))) return;
    const feedback = {
      onError: (error: unknown) => showMutationError(error, form.setErrors),
    };
    if (original) {
      update.mutate(
        { id: original.id, version: original.version, ...data },
        {
          ...feedback,
          onSuccess: () => {
            showSuccess(t('common.saved'));
            onDone();
          },
        },
      );
    } else {
      create.mutate(data, {
        ...feedback,
        onSuccess: () => {
          showSuccess(t('common.created'));
          onDone();
        },
      });
    }
  };

  return (
    <form noValidate onSubmit={form.onSubmit((values) => void save(values))}>
      <Stack>
        {appointment ? (
          <Group gap="xs">
            <StatusBadge status={appointment.status} />
            {appointment.status === 'cancelled' ? (
              <Text size="sm" c="dimmed" data-testid="cancel-reason">
                {appointment.cancelReason
                  ? t('appointments.cancelReason', { reason: appointment.cancelReason })
                  : t('appointments.cancelledWithoutReason')}
              </Text>
            ) : null}
          </Group>
        ) : null}
        <Select
          label={t('appointments.client')}
          placeholder={t('appointments.clientPlaceholder')}
          searchable
          required
          searchValue={clientSearch}
          onSearchChange={setClientSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t('clients.empty')}
          data={clientOptions}
          {...form.getInputProps('clientId')}
          onChange={(value: string | null) => {
            form.setFieldValue('clientId', value ?? '');
            form.setFieldValue('poolId', '');
          }}
        />
        <Select
          label={t('appointments.pool')}
          clearable
          disabled={!client.data}
          data={
            client.data?.pools.map((pool) => ({
              value: pool.id,
              label: `${pool.label ?? t(`pools.types.${pool.type}`)}${pool.volumeLiters ? ` · ${pool.volumeLiters.toLocaleString('pt-BR')} L` : ''}`,
            })) ?? []
          }
          {...form.getInputProps('poolId')}
          value={form.values.poolId || null}
          onChange={(value: string | null) => form.setFieldValue('poolId', value ?? '')}
        />
        <Group grow align="flex-start">
          <VisitWhenFields form={form} />
          <NumberInput
            label={t('appointments.duration')}
            min={5}
            max={1440}
            step={15}
            {...form.getInputProps('durationMinutes')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('appointments.price')}
            placeholder="R$ 0,00"
            inputMode="decimal"
            {...form.getInputProps('price')}
            error={form.errors['priceCents'] ?? form.errors['price']}
          />
          <Select
            label={t('appointments.assignee')}
            placeholder={t('appointments.assigneePlaceholder')}
            searchable
            clearable
            data={
              members.data?.members.map((member) => ({ value: member.membershipId, label: member.name })) ??
              []
            }
            {...form.getInputProps('assigneeId')}
            // None is null for the Select (an empty string would count as a value and show the clear button).
            value={form.values.assigneeId || null}
            onChange={(value: string | null) => form.setFieldValue('assigneeId', value ?? '')}
          />
        </Group>
        <Textarea label={t('appointments.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <OverlapWarning slot={slot} />
        <DialogButtons onCancel={onDone} loading={saving} />
      </Stack>
    </form>
  );
}
