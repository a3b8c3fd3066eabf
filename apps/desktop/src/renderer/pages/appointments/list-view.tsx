import { Anchor, Card, Stack, Table, Text } from '@mantine/core';
import { formatLocalDate, formatMoney, t } from '../../i18n';
import { StatusBadge } from '../../components/appointment-status-badge';
import { VisitActions } from './visit-actions';
import type { Appointment } from './visit-form';
import type { VisitHandlers } from './week-view';

export function ListView({
  items,
  assigneeNames,
  onOpen,
  onReschedule,
}: { items: Appointment[]; assigneeNames: Map<string, string> } & Omit<VisitHandlers, 'onMove'>) {
  return (
    <Card withBorder p={0}>
      <Table striped verticalSpacing="xs" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('appointments.date')}</Table.Th>
            <Table.Th>{t('appointments.startTime')}</Table.Th>
            <Table.Th>{t('appointments.client')}</Table.Th>
            <Table.Th>{t('appointments.assignee')}</Table.Th>
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
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(item)}>
                  {item.clientName}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.assigneeId ? (assigneeNames.get(item.assigneeId) ?? '—') : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <StatusBadge status={item.status} />
                  {item.status === 'cancelled' && item.cancelReason ? (
                    <Text size="xs" c="dimmed">
                      {t('appointments.cancelReason', { reason: item.cancelReason })}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">{item.priceCents === null ? '—' : formatMoney(item.priceCents)}</Table.Td>
              <Table.Td ta="right">
                <VisitActions
                  appointment={item}
                  onEdit={() => onOpen(item)}
                  onReschedule={() => onReschedule(item)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
