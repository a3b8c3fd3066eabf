import { SimpleGrid, Table } from '@mantine/core';
import { StatusBadge } from '../../components/appointment-status-badge';
import { PageState } from '../../components/page-state';
import { SectionCard } from '../../components/section-card';
import { formatLocalDate, formatMoney, t } from '../../i18n';
import { useAppointments } from '../../queries/hooks';
import { ClientCharges } from './charges';

/** A client's visits (the last 50) beside its charges. */
export function ClientHistory({ clientId }: { clientId: string }) {
  const appointments = useAppointments({ clientId, limit: 50 });
  return (
    <SimpleGrid cols={2}>
      <SectionCard title={t('clients.history')}>
        <PageState query={appointments} empty={appointments.data?.items.length === 0}>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {appointments.data?.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {formatLocalDate(item.date)} {item.startTime}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.priceCents === null ? '—' : formatMoney(item.priceCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PageState>
      </SectionCard>
      <ClientCharges clientId={clientId} />
    </SimpleGrid>
  );
}
