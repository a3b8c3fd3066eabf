import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { APPOINTMENT_STATUSES } from '@picineiros/db/constants';
import { SectionCard } from '../components/section-card';
import { PageState } from '../components/page-state';
import { formatLocalDate, formatMoney, formatMonth, formatNumber, t } from '../i18n';
import { useDashboard, useFinanceEntries } from '../queries/hooks';
import { href } from '../router';
import { StatusBadge } from './appointments';

export function DashboardPage() {
  const summary = useDashboard();
  const overdue = useFinanceEntries({ overdue: true, limit: 6 });
  const data = summary.data;
  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <PageState query={summary}>
        {data ? (
          <>
            <SimpleGrid cols={4}>
              <Figure
                label={t('dashboard.activeClients')}
                value={formatNumber(data.activeClients)}
                testId="figure-clients"
              />
              <Figure
                label={t('dashboard.pending')}
                value={formatMoney(data.totals.pendingCents)}
                testId="figure-pending"
              />
              <Figure
                label={t('dashboard.overdue')}
                value={formatMoney(data.totals.overdueCents)}
                color="red"
                testId="figure-overdue"
              />
              <Figure
                label={t('dashboard.paid')}
                value={formatMoney(data.totals.paidCents)}
                color="teal"
                testId="figure-paid"
              />
            </SimpleGrid>
            <SimpleGrid cols={3}>
              <Card withBorder style={{ gridColumn: 'span 2' }}>
                <Text fw={600} mb="sm">
                  {t('dashboard.revenueChart')}
                </Text>
                <BarChart
                  h={220}
                  data={data.monthlyRevenue.map((month) => ({
                    month: formatMonth(month.month),
                    revenue: month.paidCents / 100,
                  }))}
                  dataKey="month"
                  series={[{ name: 'revenue', label: t('dashboard.revenue'), color: 'cyan.6' }]}
                  valueFormatter={(value) => formatMoney(Math.round(value * 100))}
                  withLegend={false}
                  yAxisProps={{ width: 90 }}
                />
              </Card>
              <SectionCard title={t('dashboard.byStatus')}>
                <Stack gap="xs">
                  {APPOINTMENT_STATUSES.map((status) => (
                    <Group key={status} justify="space-between">
                      <StatusBadge status={status} />
                      <Text fw={600}>{formatNumber(data.appointmentsByStatus[status])}</Text>
                    </Group>
                  ))}
                </Stack>
              </SectionCard>
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <SectionCard title={t('dashboard.upcoming')}>
                {data.upcomingAppointments.items.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('dashboard.noUpcoming')}
                  </Text>
                ) : (
                  <Table verticalSpacing={4}>
                    <Table.Tbody>
                      {data.upcomingAppointments.items.slice(0, 6).map((item) => (
                        <Table.Tr key={item.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {formatLocalDate(item.date)} {item.startTime}
                          </Table.Td>
                          <Table.Td>
                            <Anchor href={href(`/clients/${item.clientId}`)} size="sm">
                              {item.clientName}
                            </Anchor>
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap', minWidth: 120 }}>
                            <StatusBadge status={item.status} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </SectionCard>
              <SectionCard title={t('dashboard.overdueList')}>
                <PageState query={overdue}>
                  {overdue.data?.items.length ? (
                    <Table verticalSpacing={4}>
                      <Table.Tbody>
                        {overdue.data.items.map((entry) => (
                          <Table.Tr key={entry.id}>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              {formatLocalDate(entry.dueDate)}
                            </Table.Td>
                            <Table.Td>{entry.clientName}</Table.Td>
                            <Table.Td ta="right">
                              <Badge color="red" variant="light">
                                {formatMoney(entry.amountCents)}
                              </Badge>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('dashboard.noOverdue')}
                    </Text>
                  )}
                </PageState>
              </SectionCard>
            </SimpleGrid>
          </>
        ) : null}
      </PageState>
    </Stack>
  );
}

function Figure({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}
