import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  SegmentedControl,
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
import { useConfirm } from '../components/confirm-dialog';
import { LocalDateInput } from '../components/date-fields';
import { DateRangeFields } from '../components/date-range-fields';
import { showMutationError, showSuccess, validateWith } from '../components/forms';
import { useLinkParam, useShowLinked } from '../components/linked-record';
import { PageState } from '../components/page-state';
import { ExportMenu } from '../components/report-export';
import { DialogButtons } from '../components/save-row';
import { addDays, todayLocal } from '../dates';
import { formatDateTime, formatLocalDate, formatMoney, parseMoney, t, tCount } from '../i18n';
import {
  useAppointments,
  useArchiveFinanceEntry,
  useClients,
  useCreateFinanceEntry,
  useFinanceEntries,
  useFinanceEntry,
  useMarkPaid,
  useMarkPending,
  useUpdateFinanceEntry,
} from '../queries/hooks';
import type { Outputs } from '../queries/keys';
import { useSignedIn } from '../session-context';

type Entry = Outputs['finance']['list']['items'][number];

/** Owners and admins archive and restore entries (docs/architecture.md, Permissions); staff do not. */
function useCanArchive(): boolean {
  const { memberships, orgId } = useSignedIn();
  return memberships.find((membership) => membership.organizationId === orgId)?.role !== 'staff';
}

/** An entry's situation: paid (with the method), overdue, pending, or archived. Never cut off (app.tsx). */
export function FinanceStatusBadge({ entry }: { entry: Entry }) {
  if (entry.deletedAt) {
    return (
      <Badge color="gray" variant="light">
        {t('finance.archived')}
      </Badge>
    );
  }
  if (entry.status === 'paid') {
    return (
      <Badge color="teal" variant="light">
        {t('finance.statuses.paid')}
        {entry.paymentMethod ? ` · ${t(`finance.methods.${entry.paymentMethod}`)}` : ''}
      </Badge>
    );
  }
  if (entry.overdue) return <Badge color="red">{t('finance.overdue')}</Badge>;
  return (
    <Badge color="yellow" variant="light">
      {t('finance.statuses.pending')}
    </Badge>
  );
}

export function FinancePage() {
  // Pending first: what clients still owe is what the office works on; paid entries are a filter away.
  const [status, setStatus] = useState<FinanceStatus | null>('pending');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [clientId, setClientId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [paying, setPaying] = useState<Entry | null>(null);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [creating, setCreating] = useState<'manual' | 'appointment' | null>(null);
  // A notification's link: the list narrowed to that entry (its client, status and due date).
  const linked = useFinanceEntry(useLinkParam('entry') ?? undefined);
  useShowLinked(linked.data, (entry) => {
    setStatus(entry.status);
    setOnlyOverdue(false);
    setShowArchived(false);
    setSearch('');
    setClientId(entry.clientId);
    setFrom(entry.dueDate);
    setTo(entry.dueDate);
  });
  const filters = {
    status: status ?? undefined,
    overdue: onlyOverdue ? true : undefined,
    clientId: clientId ?? undefined,
    from: from || undefined,
    // An end before the start is the server's field error; until the user fixes it, the end is not applied.
    to: to && (!from || to >= from) ? to : undefined,
    search: debouncedSearch || undefined,
    includeArchived: showArchived || undefined,
  };
  const query = useFinanceEntries({ ...filters, limit: 500 });
  const commands = useEntryCommands();
  const items = query.data?.items ?? [];
  const totals = query.data?.totals;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('finance.title')}</Title>
        <Group>
          <ExportMenu kind="finance" filters={filters} />
          <Button variant="light" onClick={() => setCreating('appointment')}>
            {t('finance.createFromAppointment')}
          </Button>
          <Button onClick={() => setCreating('manual')}>{t('finance.new')}</Button>
        </Group>
      </Group>
      <Card withBorder>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('finance.search')}
            placeholder={t('finance.searchPlaceholder')}
            w={220}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <ClientFilter value={clientId} onChange={setClientId} />
          <DateRangeFields
            from={{ label: t('finance.dueFrom'), value: from, onChange: setFrom }}
            to={{ label: t('finance.dueTo'), value: to, onChange: setTo }}
            w={150}
            ordered
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="finance-status-label">
              {t('finance.status')}
            </Text>
            <SegmentedControl
              data-testid="finance-status-filter"
              aria-labelledby="finance-status-label"
              value={status ?? 'all'}
              onChange={(value) => setStatus(value === 'all' ? null : value)}
              data={[
                { value: 'all', label: t('common.all') },
                ...(['pending', 'paid'] as const).map((value) => ({
                  value,
                  label: t(`finance.statuses.${value}`),
                })),
              ]}
            />
          </Stack>
          <Stack gap={6} mb={4}>
            <Switch
              label={t('finance.onlyOverdue')}
              checked={onlyOverdue}
              onChange={(event) => setOnlyOverdue(event.currentTarget.checked)}
            />
            <Switch
              label={t('finance.showArchived')}
              checked={showArchived}
              onChange={(event) => setShowArchived(event.currentTarget.checked)}
            />
          </Stack>
        </Group>
      </Card>
      <Card withBorder p={0}>
        <PageState
          query={query}
          empty={items.length === 0}
          emptyTitle={t('finance.empty')}
          emptyHint={t('firstRun.financeHint')}
          emptyAction={<Button onClick={() => setCreating('manual')}>{t('firstRun.firstCharge')}</Button>}
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
                  bg={entry.overdue && !entry.deletedAt ? 'red.0' : undefined}
                  c={entry.deletedAt ? 'dimmed' : undefined}
                  data-overdue={entry.overdue || undefined}
                  data-entry={entry.description}
                >
                  <Table.Td
                    c={entry.overdue ? 'red.8' : undefined}
                    fw={entry.overdue ? 600 : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatLocalDate(entry.dueDate)}
                  </Table.Td>
                  <Table.Td>{entry.clientName}</Table.Td>
                  <Table.Td>{entry.description}</Table.Td>
                  <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(entry.amountCents)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0} align="flex-start">
                      <FinanceStatusBadge entry={entry} />
                      {entry.status === 'paid' && entry.paidAt ? (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(entry.paidAt)}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <EntryActions
                      entry={entry}
                      commands={commands}
                      onPay={() => setPaying(entry)}
                      onEdit={() => setEditing(entry)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {totals ? (
              <Table.Tfoot>
                <Table.Tr data-testid="finance-total">
                  <Table.Td colSpan={3} fw={600}>
                    {tCount('finance.totalLine', totals.count)}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(totals.amountCents)}
                  </Table.Td>
                  <Table.Td colSpan={2} />
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </PageState>
      </Card>
      <Modal opened={paying !== null} onClose={() => setPaying(null)} title={t('finance.markPaid')}>
        {paying ? <MarkPaidForm entry={paying} onDone={() => setPaying(null)} /> : null}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('finance.edit')}>
        {editing ? <EntryForm entry={editing} onDone={() => setEditing(null)} /> : null}
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

/** The client filter: type to search the clients (accents ignored), pick one, clear to see all. */
function ClientFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const clients = useClients({ search: debounced || undefined, pageSize: 20 });
  return (
    <Select
      label={t('finance.client')}
      placeholder={t('finance.allClients')}
      searchable
      clearable
      w={220}
      clearButtonProps={{ 'aria-label': t('finance.allClients') }}
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        // Erasing the name with the keyboard goes back to every client, as the × button does.
        if (text === '' && value) onChange(null);
      }}
      filter={({ options }) => options}
      data={clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? []}
      value={value}
      onChange={onChange}
    />
  );
}

/**
 * One entry's actions: "Marcar como pago" on a pending entry, then a menu with Editar, Reabrir (a paid entry:
 * undo a payment marked by mistake) and Arquivar (owners and admins, after the app's confirm dialog). An
 * archived entry offers only Restaurar (owners and admins).
 */
type EntryCommands = {
  reopen: (entry: Entry) => void;
  archive: (entry: Entry) => void;
  restore: (entry: Entry) => void;
};

/**
 * Reabrir, Arquivar (each after the app's confirm dialog) and Restaurar. Held by the page, not by the row:
 * the row leaves the list as soon as the change syncs (on the desktop, before the call returns), and a
 * mutation's per-call callbacks do not run once their component is gone.
 */
function useEntryCommands(): EntryCommands {
  const { confirm } = useConfirm();
  const markPending = useMarkPending();
  const archive = useArchiveFinanceEntry();
  const feedback = (message: string) => ({
    onSuccess: () => showSuccess(message),
    onError: (error: unknown) => showMutationError(error),
  });
  return {
    reopen: (entry) =>
      void confirm({
        title: t('finance.reopenConfirmTitle'),
        message: t('finance.reopenConfirm', {
          paidAt: entry.paidAt ? formatDateTime(entry.paidAt) : '—',
          method: entry.paymentMethod ? t(`finance.methods.${entry.paymentMethod}`) : '—',
        }),
        confirmLabel: t('finance.reopen'),
      }).then((confirmed) => {
        if (confirmed) markPending.mutate(entry.id, feedback(t('finance.reopened')));
      }),
    archive: (entry) =>
      void confirm({
        title: t('finance.archiveConfirmTitle'),
        message: t('finance.archiveConfirm', {
          description: entry.description,
          amount: formatMoney(entry.amountCents),
        }),
        confirmLabel: t('common.archive'),
        danger: true,
      }).then((confirmed) => {
        if (confirmed) archive.mutate({ id: entry.id, archived: true }, feedback(t('finance.archivedSaved')));
      }),
    restore: (entry) => archive.mutate({ id: entry.id, archived: false }, feedback(t('finance.restored'))),
  };
}

function EntryActions({
  entry,
  commands,
  onPay,
  onEdit,
}: {
  entry: Entry;
  commands: EntryCommands;
  onPay: () => void;
  onEdit: () => void;
}) {
  const canArchive = useCanArchive();
  if (entry.deletedAt) {
    return canArchive ? (
      <Group justify="flex-end">
        <Button size="compact-xs" variant="light" onClick={() => commands.restore(entry)}>
          {t('common.restore')}
        </Button>
      </Group>
    ) : null;
  }
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {entry.status === 'pending' ? (
        <Button size="compact-xs" onClick={onPay} style={{ whiteSpace: 'nowrap' }}>
          {t('finance.markPaid')}
        </Button>
      ) : null}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('finance.rowActions', { description: entry.description })}
          >
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit}>{t('common.edit')}</Menu.Item>
          {entry.status === 'paid' ? (
            <Menu.Item onClick={() => commands.reopen(entry)}>{t('finance.reopen')}</Menu.Item>
          ) : null}
          {canArchive ? (
            <Menu.Item color="red" onClick={() => commands.archive(entry)}>
              {t('common.archive')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
    </Group>
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

/** "R$ 1.234,50" as the amount field shows it for editing: '1234,50'. */
function amountText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/**
 * A new entry, or an existing one (`entry`: its fields, sent with its version). A paid entry's client,
 * amount and due date are locked: the server refuses them until the payment is undone (Reabrir).
 */
function EntryForm({ entry, onDone }: { entry?: Entry; onDone: () => void }) {
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
function FromAppointmentForm({ onDone }: { onDone: () => void }) {
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
