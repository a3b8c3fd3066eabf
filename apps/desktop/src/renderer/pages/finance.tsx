import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { ZCreateFinanceEntryInput } from '@picineiros/api/finance/schema';
import { PAYMENT_METHODS, type FinanceStatus, type PaymentMethod } from '@picineiros/db/constants';
import { useState } from 'react';
import { ExportMenu } from '../components/report-export';
import { addDays, todayLocal } from '../dates';
import { LocalDateInput } from '../components/date-fields';
import { savedFeedback, showMutationError, showSuccess, validateWith } from '../components/forms';
import { PageState } from '../components/page-state';
import { formatDateTime, formatLocalDate, formatMoney, parseMoney, t } from '../i18n';
import {
  useAppointments,
  useClients,
  useCreateFinanceEntry,
  useFinanceEntries,
  useMarkPaid,
  useMarkPending,
} from '../queries/hooks';
import type { Outputs } from '../queries/keys';

type Entry = Outputs['finance']['list']['items'][number];

export function FinancePage() {
  // Pending first: what clients still owe is what the office works on; paid entries are a filter away.
  const [status, setStatus] = useState<FinanceStatus | null>('pending');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [paying, setPaying] = useState<Entry | null>(null);
  const [creating, setCreating] = useState<'manual' | 'appointment' | null>(null);
  const query = useFinanceEntries({
    status: status ?? undefined,
    overdue: onlyOverdue ? true : undefined,
    limit: 500,
  });
  const markPending = useMarkPending();
  const items = query.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('finance.title')}</Title>
        <Group>
          <ExportMenu
            kind="finance"
            filters={{ status: status ?? undefined, overdue: onlyOverdue ? true : undefined }}
          />
          <Button variant="light" onClick={() => setCreating('appointment')}>
            {t('finance.createFromAppointment')}
          </Button>
          <Button onClick={() => setCreating('manual')}>{t('finance.new')}</Button>
        </Group>
      </Group>
      <Card withBorder>
        <Group align="flex-end">
          <Select
            label={t('finance.status')}
            placeholder={t('common.all')}
            clearable
            w={180}
            value={status}
            onChange={(value) => setStatus(value)}
            data={(['pending', 'paid'] as const).map((value) => ({
              value,
              label: t(`finance.statuses.${value}`),
            }))}
          />
          <Switch
            mb={8}
            label={t('finance.onlyOverdue')}
            checked={onlyOverdue}
            onChange={(event) => setOnlyOverdue(event.currentTarget.checked)}
          />
        </Group>
      </Card>
      <Card withBorder p={0}>
        <PageState
          query={query}
          empty={items.length === 0}
          emptyTitle={t('finance.empty')}
          emptyHint={t('firstRun.financeHint')}
          emptyAction={<Button onClick={() => setCreating('manual')}>{t('finance.new')}</Button>}
        >
          <Table verticalSpacing="xs" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.dueDate')}</Table.Th>
                <Table.Th>{t('finance.client')}</Table.Th>
                <Table.Th>{t('finance.description')}</Table.Th>
                <Table.Th ta="right">{t('finance.amount')}</Table.Th>
                <Table.Th>{t('finance.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr
                  key={entry.id}
                  bg={entry.overdue ? 'red.0' : undefined}
                  data-overdue={entry.overdue || undefined}
                >
                  <Table.Td c={entry.overdue ? 'red.8' : undefined} fw={entry.overdue ? 600 : undefined}>
                    {formatLocalDate(entry.dueDate)}
                  </Table.Td>
                  <Table.Td>{entry.clientName}</Table.Td>
                  <Table.Td>{entry.description}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(entry.amountCents)}
                  </Table.Td>
                  <Table.Td>
                    {entry.status === 'paid' ? (
                      <Stack gap={0}>
                        <Badge color="teal" variant="light">
                          {t('finance.statuses.paid')}
                          {entry.paymentMethod ? ` · ${t(`finance.methods.${entry.paymentMethod}`)}` : ''}
                        </Badge>
                        {entry.paidAt ? (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(entry.paidAt)}
                          </Text>
                        ) : null}
                      </Stack>
                    ) : entry.overdue ? (
                      <Badge color="red">{t('finance.overdue')}</Badge>
                    ) : (
                      <Badge color="yellow" variant="light">
                        {t('finance.statuses.pending')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {entry.status === 'pending' ? (
                      <Button size="compact-xs" onClick={() => setPaying(entry)}>
                        {t('finance.markPaid')}
                      </Button>
                    ) : (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => markPending.mutate(entry.id, savedFeedback())}
                      >
                        {t('finance.markPending')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PageState>
      </Card>
      <Modal opened={paying !== null} onClose={() => setPaying(null)} title={t('finance.markPaid')}>
        {paying ? <MarkPaidForm entry={paying} onDone={() => setPaying(null)} /> : null}
      </Modal>
      <Modal
        opened={creating !== null}
        onClose={() => setCreating(null)}
        title={creating === 'appointment' ? t('finance.createFromAppointment') : t('finance.new')}
      >
        {creating === 'manual' ? <EntryForm onDone={() => setCreating(null)} /> : null}
        {creating === 'appointment' ? <FromAppointmentForm onDone={() => setCreating(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function MarkPaidForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
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

function EntryForm({ onDone }: { onDone: () => void }) {
  const create = useCreateFinanceEntry();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const clients = useClients({ search: debounced || undefined, pageSize: 20 });
  const form = useForm<EntryValues>({
    initialValues: { clientId: '', description: '', amount: '', dueDate: addDays(todayLocal(), 7) },
    validate: validateWith(ZCreateFinanceEntryInput, toEntryInput),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        create.mutate(
          { kind: 'manual', data: toEntryInput(values) },
          {
            onSuccess: () => {
              showSuccess(t('common.created'));
              onDone();
            },
            onError: (error) => showMutationError(error, form.setErrors),
          },
        ),
      )}
    >
      <Stack>
        <Select
          label={t('finance.client')}
          placeholder={t('appointments.clientPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? []}
          {...form.getInputProps('clientId')}
          onChange={(value: string | null) => form.setFieldValue('clientId', value ?? '')}
        />
        <TextInput label={t('finance.description')} {...form.getInputProps('description')} />
        <Group grow>
          <TextInput
            label={t('finance.amount')}
            placeholder="R$ 0,00"
            inputMode="decimal"
            {...form.getInputProps('amount')}
            error={form.errors['amountCents'] ?? form.errors['amount']}
          />
          <LocalDateInput
            label={t('finance.dueDate')}
            {...form.getInputProps('dueDate')}
            value={form.values.dueDate}
            onChange={(value) => form.setFieldValue('dueDate', value)}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FromAppointmentForm({ onDone }: { onDone: () => void }) {
  const create = useCreateFinanceEntry();
  const today = todayLocal();
  const done = useAppointments({ status: ['done'], from: addDays(today, -90), to: today, limit: 500 });
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  const options = (done.data?.items ?? [])
    .filter((item) => item.priceCents !== null)
    .map((item) => ({
      value: item.id,
      label: `${formatLocalDate(item.date)} · ${item.clientName} · ${formatMoney(item.priceCents ?? 0)}`,
    }));
  return (
    <Stack>
      <PageState query={done} empty={options.length === 0} emptyHint={t('appointments.empty')}>
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
