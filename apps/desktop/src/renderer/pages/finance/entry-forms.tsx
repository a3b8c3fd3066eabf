import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { ZCreateFinanceEntryInput, PAYMENT_METHODS, type PaymentMethod } from '@picineiros/api/client';
import { useState } from 'react';
import { LocalDateInput } from '../../components/date-fields';
import { showMutationError, showSuccess, validateWith } from '../../components/forms';
import { PageState } from '../../components/page-state';
import { DialogButtons } from '../../components/save-row';
import { addDays, todayLocal } from '../../dates';
import { formatLocalDate, formatMoney, parseMoney, t } from '../../i18n';
import {
  useAppointments,
  useClients,
  useCreateFinanceEntry,
  useMarkPaid,
  useUpdateFinanceEntry,
} from '../../queries/hooks';
import type { Outputs } from '../../queries/keys';

// The Financeiro's dialogs: mark an entry paid, write or edit an entry, bill a done visit.

export type Entry = Outputs['finance']['list']['items'][number];

export function MarkPaidForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const markPaid = useMarkPaid();
  const [method, setMethod] = useState<PaymentMethod>('pix');
  const [date, setDate] = useState(todayLocal());
  return (
    <Stack>
      <Text size="sm">
        {entry.clientName} · {entry.description} · <b>{formatMoney(entry.amountCents)}</b>
      </Text>
      <Select
        label={t('finance.method')}
        allowDeselect={false}
        value={method}
        onChange={(value) => value && setMethod(value)}
        data={PAYMENT_METHODS.map((value) => ({ value, label: t(`finance.methods.${value}`) }))}
      />
      <LocalDateInput label={t('finance.paidAt')} value={date} onChange={setDate} maxDate={todayLocal()} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={markPaid.isPending}
          onClick={() =>
            markPaid.mutate(
              // Noon local time: the payment lands on the chosen day in any Brazilian time zone.
              {
                id: entry.id,
                version: entry.version,
                method,
                paidAt: date === todayLocal() ? undefined : new Date(`${date}T12:00:00`),
              },
              {
                onSuccess: () => {
                  showSuccess(t('finance.paidSaved'));
                  onDone();
                },
                onError: (error) => showMutationError(error),
              },
            )
          }
        >
          {t('finance.markPaid')}
        </Button>
      </Group>
    </Stack>
  );
}

type EntryValues = { clientId: string; description: string; amount: string; dueDate: string };

function toEntryInput(values: EntryValues) {
  return {
    clientId: values.clientId,
    description: values.description,
    amountCents: parseMoney(values.amount) ?? 0,
    dueDate: values.dueDate,
  };
}

/** "R$ 1.234,50" as the amount field shows it for editing: '1234,50'. */
function amountText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/**
 * A new entry, or an existing one (`entry`: its fields, sent with its version). A paid entry's client,
 * amount and due date are locked: the server refuses them until the payment is undone (Reabrir).
 */
export function EntryForm({ entry, onDone }: { entry?: Entry; onDone: () => void }) {
  const create = useCreateFinanceEntry();
  const update = useUpdateFinanceEntry();
  const locked = entry?.status === 'paid';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const clients = useClients({ search: debounced || undefined, pageSize: 20 });
  const form = useForm<EntryValues>({
    initialValues: entry
      ? {
          clientId: entry.clientId,
          description: entry.description,
          amount: amountText(entry.amountCents),
          dueDate: entry.dueDate,
        }
      : { clientId: '', description: '', amount: '', dueDate: addDays(todayLocal(), 7) },
    validate: validateWith(ZCreateFinanceEntryInput, toEntryInput),
  });
  const clientOptions = clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? [];
  // The entry's own client stays selectable (and shown by name) even when the search leaves it out.
  if (entry && !clientOptions.some((option) => option.value === entry.clientId)) {
    clientOptions.unshift({ value: entry.clientId, label: entry.clientName });
  }
  const onError = (error: unknown) => showMutationError(error, form.setErrors);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const data = toEntryInput(values);
        if (entry) {
          update.mutate(
            { id: entry.id, version: entry.version, ...data },
            {
              onSuccess: () => {
                showSuccess(t('finance.editSaved'));
                onDone();
              },
              onError,
            },
          );
          return;
        }
        create.mutate(
          { kind: 'manual', data },
          {
            onSuccess: () => {
              showSuccess(t('common.created'));
              onDone();
            },
            onError,
          },
        );
      })}
    >
      <Stack>
        {locked ? (
          <Text size="sm" c="dimmed">
            {t('finance.paidLockedHint')}
          </Text>
        ) : null}
        <Select
          label={t('finance.client')}
          placeholder={t('appointments.clientPlaceholder')}
          searchable
          disabled={locked}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={clientOptions}
          {...form.getInputProps('clientId')}
          onChange={(value: string | null) => form.setFieldValue('clientId', value ?? '')}
        />
        <TextInput label={t('finance.description')} {...form.getInputProps('description')} />
        <Group grow align="flex-start">
          <TextInput
            label={t('finance.amount')}
            placeholder="R$ 0,00"
            inputMode="decimal"
            disabled={locked}
            {...form.getInputProps('amount')}
            error={form.errors['amountCents'] ?? form.errors['amount']}
          />
          <LocalDateInput
            label={t('finance.dueDate')}
            disabled={locked}
            {...form.getInputProps('dueDate')}
            value={form.values.dueDate}
            onChange={(value) => form.setFieldValue('dueDate', value)}
          />
        </Group>
        <DialogButtons onCancel={onDone} loading={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}

/** Only what can be billed now: done visits with a price, not billed yet (the server's `billable` filter). */
export function FromAppointmentForm({ onDone }: { onDone: () => void }) {
  const create = useCreateFinanceEntry();
  const billable = useAppointments({ billable: true, limit: 500 });
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  const options = (billable.data?.items ?? []).map((item) => ({
    value: item.id,
    label: `${formatLocalDate(item.date)} · ${item.clientName} · ${formatMoney(item.priceCents ?? 0)}`,
  }));
  return (
    <Stack>
      <PageState query={billable} empty={options.length === 0} emptyHint={t('finance.noBillable')}>
        <Select
          label={t('finance.appointment')}
          searchable
          data={options}
          value={appointmentId}
          onChange={setAppointmentId}
        />
      </PageState>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!appointmentId}
          loading={create.isPending}
          onClick={() =>
            appointmentId &&
            create.mutate(
              { kind: 'appointment', data: { appointmentId } },
              {
                onSuccess: () => {
                  showSuccess(t('common.created'));
                  onDone();
                },
                onError: (error) => showMutationError(error),
              },
            )
          }
        >
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}
