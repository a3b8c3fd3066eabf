import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { ZCreateAppointmentInput } from '@picineiros/api/appointments/schema';
import type { AppointmentStatus } from '@picineiros/db';
import { useState } from 'react';
import { ExportMenu } from '../components/report-export';
import { addDays, startOfWeek, todayLocal } from '../dates';
import { LocalDateInput, TimeField } from '../components/date-fields';
import { showMutationError, showSuccess, validateWith } from '../components/forms';
import { PageState } from '../components/page-state';
import { formatLocalDate, formatMoney, formatWeekday, parseMoney, t } from '../i18n';
import {
  useAppointments,
  useClient,
  useClients,
  useCreateAppointment,
  useCreateFinanceEntry,
  useSetAppointmentStatus,
} from '../queries/hooks';
import type { Outputs } from '../queries/keys';

type Appointment = Outputs['appointments']['list']['items'][number];

const STATUS_COLORS: Record<AppointmentStatus, string> = {
  pending: 'yellow',
  confirmed: 'blue',
  done: 'teal',
  cancelled: 'gray',
};

/** Allowed next statuses (the server refuses the others with a clear message). */
const NEXT_STATUSES: Record<AppointmentStatus, AppointmentStatus[]> = {
  pending: ['confirmed', 'done', 'cancelled'],
  confirmed: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export function StatusBadge({ status, size = 'sm' }: { status: AppointmentStatus; size?: 'xs' | 'sm' }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {t(`appointments.statuses.${status}`)}
    </Badge>
  );
}

export function AppointmentsPage() {
  const [view, setView] = useState<'list' | 'week'>('week');
  const [weekStart, setWeekStart] = useState(() => startOfWeek(todayLocal()));
  const [creating, setCreating] = useState(false);
  const weekEnd = addDays(weekStart, 6);
  const query = useAppointments({ from: weekStart, to: weekEnd, limit: 500 });
  const items = query.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('appointments.title')}</Title>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(value) => setView(value)}
            data={[
              { value: 'week', label: t('appointments.week') },
              { value: 'list', label: t('appointments.list') },
            ]}
          />
          <ExportMenu kind="appointments" filters={{ from: weekStart, to: weekEnd }} />
          <Button onClick={() => setCreating(true)}>{t('appointments.new')}</Button>
        </Group>
      </Group>
      <Group>
        <Button variant="default" size="xs" onClick={() => setWeekStart(addDays(weekStart, -7))}>
          ← {t('appointments.previousWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setWeekStart(startOfWeek(todayLocal()))}>
          {t('appointments.thisWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setWeekStart(addDays(weekStart, 7))}>
          {t('appointments.nextWeek')} →
        </Button>
        <Text fw={500}>
          {formatLocalDate(weekStart)} – {formatLocalDate(weekEnd)}
        </Text>
      </Group>
      <PageState
        query={query}
        empty={view === 'list' && items.length === 0}
        emptyHint={t('appointments.empty')}
      >
        {view === 'week' ? <WeekView weekStart={weekStart} items={items} /> : <ListView items={items} />}
      </PageState>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('appointments.new')} size="lg">
        {creating ? <AppointmentForm onDone={() => setCreating(false)} defaultDate={todayLocal()} /> : null}
      </Modal>
    </Stack>
  );
}

function StatusActions({ appointment, compact = false }: { appointment: Appointment; compact?: boolean }) {
  const setStatus = useSetAppointmentStatus();
  const charge = useCreateFinanceEntry();
  const next = NEXT_STATUSES[appointment.status];
  const canCharge = appointment.status === 'done' && appointment.priceCents !== null;
  if (next.length === 0 && !canCharge) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {compact ? (
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={t('common.actions')}
            loading={setStatus.isPending || charge.isPending}
          >
            ⋯
          </ActionIcon>
        ) : (
          <Button size="compact-xs" variant="light" loading={setStatus.isPending || charge.isPending}>
            {t('common.actions')}
          </Button>
        )}
      </Menu.Target>
      <Menu.Dropdown>
        {next.map((status) => (
          <Menu.Item
            key={status}
            color={status === 'cancelled' ? 'red' : undefined}
            onClick={() =>
              setStatus.mutate(
                { id: appointment.id, status },
                {
                  onSuccess: () => showSuccess(t('appointments.statusChanged')),
                  onError: (error) => showMutationError(error),
                },
              )
            }
          >
            {status === 'confirmed'
              ? t('appointments.actions.confirm')
              : status === 'done'
                ? t('appointments.actions.done')
                : t('appointments.actions.cancel')}
          </Menu.Item>
        ))}
        {canCharge ? (
          <Menu.Item
            onClick={() =>
              charge.mutate(
                { kind: 'appointment', data: { appointmentId: appointment.id } },
                {
                  onSuccess: () => showSuccess(t('common.created')),
                  onError: (error) => showMutationError(error),
                },
              )
            }
          >
            {t('appointments.charge')}
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

function ListView({ items }: { items: Appointment[] }) {
  return (
    <Card withBorder p={0}>
      <Table striped verticalSpacing="xs" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('appointments.date')}</Table.Th>
            <Table.Th>{t('appointments.startTime')}</Table.Th>
            <Table.Th>{t('appointments.client')}</Table.Th>
            <Table.Th>{t('appointments.status')}</Table.Th>
            <Table.Th ta="right">{t('appointments.price')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{formatLocalDate(item.date)}</Table.Td>
              <Table.Td>{item.startTime}</Table.Td>
              <Table.Td>{item.clientName}</Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td ta="right">{item.priceCents === null ? '—' : formatMoney(item.priceCents)}</Table.Td>
              <Table.Td ta="right">
                <StatusActions appointment={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function WeekView({ weekStart, items }: { weekStart: string; items: Appointment[] }) {
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const today = todayLocal();
  return (
    <SimpleGrid cols={7} spacing="xs">
      {days.map((day) => (
        <Card key={day} withBorder p="xs" mih={420} bg={day === today ? 'cyan.0' : undefined}>
          <Text size="sm" fw={700} tt="capitalize" mb="xs">
            {formatWeekday(day)}
          </Text>
          <Stack gap={6}>
            {items
              .filter((item) => item.date === day)
              .map((item) => (
                <Card
                  key={item.id}
                  p={6}
                  withBorder
                  radius="sm"
                  style={{ borderLeft: `3px solid var(--mantine-color-${STATUS_COLORS[item.status]}-6)` }}
                >
                  <Group justify="space-between" gap={4} wrap="nowrap">
                    <Text size="xs" fw={700}>
                      {item.startTime}
                    </Text>
                    <StatusActions appointment={item} compact />
                  </Group>
                  <Text size="xs" lineClamp={2} mb={4}>
                    {item.clientName}
                  </Text>
                  <StatusBadge status={item.status} size="xs" />
                </Card>
              ))}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

type FormValues = {
  clientId: string;
  poolId: string;
  date: string;
  startTime: string;
  durationMinutes: number | string;
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
    priceCents: values.price.trim() === '' ? null : (parseMoney(values.price) ?? -1),
    notes: values.notes.trim() === '' ? null : values.notes,
  };
}

export function AppointmentForm({ onDone, defaultDate }: { onDone: () => void; defaultDate: string }) {
  const create = useCreateAppointment();
  const [clientSearch, setClientSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(clientSearch, 200);
  const clients = useClients({ search: debouncedSearch || undefined, pageSize: 20, active: true });
  const form = useForm<FormValues>({
    initialValues: {
      clientId: '',
      poolId: '',
      date: defaultDate,
      startTime: '08:00',
      durationMinutes: 60,
      price: '',
      notes: '',
    },
    validate: validateWith(ZCreateAppointmentInput, toInput),
  });
  const client = useClient(form.values.clientId || undefined);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        create.mutate(toInput(values), {
          onSuccess: () => {
            showSuccess(t('common.created'));
            onDone();
          },
          onError: (error) => showMutationError(error, form.setErrors),
        }),
      )}
    >
      <Stack>
        <Select
          label={t('appointments.client')}
          placeholder={t('appointments.clientPlaceholder')}
          searchable
          required
          searchValue={clientSearch}
          onSearchChange={setClientSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t('clients.empty')}
          data={clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? []}
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
          onChange={(value: string | null) => form.setFieldValue('poolId', value ?? '')}
        />
        <Group grow>
          <LocalDateInput
            label={t('appointments.date')}
            required
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
          <NumberInput
            label={t('appointments.duration')}
            min={5}
            max={1440}
            step={15}
            {...form.getInputProps('durationMinutes')}
          />
        </Group>
        <TextInput
          label={t('appointments.price')}
          placeholder="R$ 0,00"
          inputMode="decimal"
          {...form.getInputProps('price')}
          error={form.errors['priceCents'] ?? form.errors['price']}
        />
        <Textarea label={t('appointments.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
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
