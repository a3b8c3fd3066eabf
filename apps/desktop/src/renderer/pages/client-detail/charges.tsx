import { Stack, Table, Text, Title } from '@mantine/core';
import type { FinanceStatus } from '@picineiros/api/client';
import { PageState } from '../../components/page-state';
import { SectionCard } from '../../components/section-card';
import { formatDate, formatLocalDate, formatMoney, t, tCount } from '../../i18n';
import { useFinanceEntries } from '../../queries/hooks';
import { FinanceStatusBadge } from '../../components/finance-status-badge';

/**
 * A client's charges on its page, what it still owes apart from what it paid: two lists, each with the count
 * and sum of all its entries (the server's totals, not only the rows shown).
 */
export function ClientCharges({ clientId }: { clientId: string }) {
  return (
    <SectionCard title={t('clients.finance')}>
      <Stack gap="lg">
        <ChargeSection clientId={clientId} status="pending" title={t('finance.pendingSection')} />
        <ChargeSection clientId={clientId} status="paid" title={t('finance.paidSection')} />
      </Stack>
    </SectionCard>
  );
}

function ChargeSection({
  clientId,
  status,
  title,
}: {
  clientId: string;
  status: FinanceStatus;
  title: string;
}) {
  const query = useFinanceEntries({ clientId, status, limit: 50 });
  const items = query.data?.items ?? [];
  const totals = query.data?.totals;
  return (
    <Stack gap={4} data-testid={`client-charges-${status}`}>
      <Title order={5}>{title}</Title>
      <Text size="sm" c="dimmed" data-testid={`client-charges-${status}-total`}>
        {tCount('finance.sectionTotal', totals?.count ?? 0, {
          amount: formatMoney(totals?.amountCents ?? 0),
        })}
      </Text>
      <PageState query={query} empty={false}>
        {items.length > 0 ? (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{status === 'paid' ? t('finance.paidAt') : t('finance.dueDate')}</Table.Th>
                <Table.Th>{t('finance.description')}</Table.Th>
                <Table.Th>{t('finance.status')}</Table.Th>
                <Table.Th ta="right">{t('finance.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {status === 'paid' && entry.paidAt
                      ? formatDate(entry.paidAt)
                      : formatLocalDate(entry.dueDate)}
                  </Table.Td>
                  <Table.Td>{entry.description}</Table.Td>
                  <Table.Td>
                    <FinanceStatusBadge entry={entry} />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Text
                      size="sm"
                      c={entry.overdue ? 'red' : undefined}
                      fw={entry.overdue ? 600 : undefined}
                    >
                      {formatMoney(entry.amountCents)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </PageState>
    </Stack>
  );
}
