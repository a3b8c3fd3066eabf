import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { POOL_TYPES, type PoolType } from '@picineiros/api/client';
import { useState } from 'react';
import { PageState } from '../components/page-state';
import { ExportMenu } from '../components/report-export';
import { t, tCount } from '../i18n';
import { useClients } from '../queries/hooks';
import { href, navigate } from '../router';

const PAGE_SIZE = 15;

export function ClientsPage() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [active, setActive] = useState<'all' | 'active' | 'inactive'>('all');
  const [poolType, setPoolType] = useState<PoolType | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const query = useClients({
    search: debouncedSearch || undefined,
    active: active === 'all' ? undefined : active === 'active',
    poolType: poolType ?? undefined,
    includeArchived,
    page,
    pageSize: PAGE_SIZE,
  });
  const data = query.data;
  // Empty because of the filters, or because there is no client yet (a new company)?
  const filtered = Boolean(debouncedSearch) || active !== 'all' || poolType !== null || includeArchived;
  const resetPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('clients.title')}</Title>
        <Group>
          <ExportMenu
            kind="clients"
            filters={{
              search: debouncedSearch || undefined,
              active: active === 'all' ? undefined : active === 'active',
              poolType: poolType ?? undefined,
              includeArchived,
            }}
          />
          <Button onClick={() => navigate('/clients/new')}>{t('clients.new')}</Button>
        </Group>
      </Group>
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('common.search')}
            placeholder={t('clients.searchPlaceholder')}
            value={search}
            onChange={(event) => resetPage(setSearch)(event.currentTarget.value)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('clients.activeFilter')}
            </Text>
            <SegmentedControl
              value={active}
              onChange={(value) => resetPage(setActive)(value)}
              data={[
                { value: 'all', label: t('common.all') },
                { value: 'active', label: t('clients.onlyActive') },
                { value: 'inactive', label: t('clients.onlyInactive') },
              ]}
            />
          </Stack>
          <Select
            label={t('clients.poolTypeFilter')}
            clearable
            placeholder={t('common.all')}
            value={poolType}
            onChange={(value) => resetPage(setPoolType)(value)}
            data={POOL_TYPES.map((type) => ({ value: type, label: t(`pools.types.${type}`) }))}
            w={190}
          />
          <Switch
            label={t('clients.showArchived')}
            checked={includeArchived}
            onChange={(event) => resetPage(setIncludeArchived)(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
      </Card>
      <Card withBorder p={0}>
        <PageState
          query={query}
          empty={data?.items.length === 0}
          {...(filtered
            ? { emptyHint: t('clients.emptyHint') }
            : {
                emptyTitle: t('firstRun.clientsTitle'),
                emptyHint: t('firstRun.clientsHint'),
                emptyAction: (
                  <Button onClick={() => navigate('/clients/new')}>{t('firstRun.firstClient')}</Button>
                ),
              })}
        >
          <Table striped highlightOnHover verticalSpacing="xs" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.name')}</Table.Th>
                <Table.Th>{t('clients.document')}</Table.Th>
                <Table.Th>{t('clients.phone')}</Table.Th>
                <Table.Th>{t('clients.city')}</Table.Th>
                <Table.Th>{t('clients.pools')}</Table.Th>
                <Table.Th>{t('clients.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((client) => (
                <Table.Tr key={client.id}>
                  <Table.Td>
                    <Anchor href={href(`/clients/${client.id}`)} fw={500}>
                      {client.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{client.documentMasked ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{client.phoneMasked ?? '—'}</Table.Td>
                  <Table.Td>
                    {client.address.city
                      ? `${client.address.city}${client.address.uf ? `/${client.address.uf}` : ''}`
                      : '—'}
                  </Table.Td>
                  <Table.Td>{client.pools.map((pool) => t(`pools.types.${pool.type}`)).join(', ')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 110 }}>
                    {client.deletedAt ? (
                      <Badge color="gray">{t('clients.archived')}</Badge>
                    ) : client.active ? (
                      <Badge color="teal" variant="light">
                        {t('clients.active')}
                      </Badge>
                    ) : (
                      <Badge color="yellow" variant="light">
                        {t('clients.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PageState>
      </Card>
      {data && data.pageCount > 1 ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {tCount('common.totalRecords', data.total)}
          </Text>
          <Pagination total={data.pageCount} value={page} onChange={setPage} />
        </Group>
      ) : null}
    </Stack>
  );
}
