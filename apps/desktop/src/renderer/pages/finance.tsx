import {
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { FinanceStatus } from '@picineiros/api/client';
import { useState } from 'react';
import { DateRangeFields } from '../components/date-range-fields';
import { FinanceStatusBadge } from '../components/finance-status-badge';
import { useLinkParam, useShowLinked } from '../components/linked-record';
import { PageState } from '../components/page-state';
import { ExportMenu } from '../components/report-export';
import { formatDateTime, formatLocalDate, formatMoney, t, tCount } from '../i18n';
import { useFinanceEntries, useFinanceEntry } from '../queries/hooks';
import { ClientFilter } from './finance/client-filter';
import { EntryActions, useEntryCommands } from './finance/entry-actions';
import { EntryForm, FromAppointmentForm, MarkPaidForm, type Entry } from './finance/entry-forms';

// The Financeiro: filters, the entries with their totals, and the dialogs. The parts live in ./finance/.

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
