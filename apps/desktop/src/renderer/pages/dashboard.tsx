import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { APPOINTMENT_STATUSES } from '@picineiros/api/client';
import { useState } from 'react';
import { FirstStepsCard } from '../components/first-steps';
import { SectionCard } from '../components/section-card';
import { PageState } from '../components/page-state';
import { formatLocalDate, formatMoney, formatMonth, formatNumber, t } from '../i18n';
import { useDashboard, useFinanceEntries } from '../queries/hooks';
import { href } from '../router';
import { StatusBadge } from '../components/appointment-status-badge';
import { DashboardPeriodPicker, describePeriod, rangeOf, type DashboardPeriod } from './dashboard/period';

export function DashboardPage() {
  const [period, setPeriod] = useState<DashboardPeriod>({ preset: 'month', from: '', to: '' });
  // "Este mês" is the summary without a range; its `today` (the organization's) anchors the other presets.
  const current = useDashboard();
  const today = current.data?.today;
  const { range, errors } = today ? rangeOf(period, today) : { range: null, errors: {} };
  // A custom period not typed yet (or refused) keeps the month's figures, titled as such.
  const useCurrent = period.preset === 'month' || range === null;
  const ranged = useDashboard(useCurrent ? null : range);
  const summary = useCurrent ? current : ranged;
  const overdue = useFinanceEntries({ overdue: true, limit: 6 });
  const data = summary.data;
  const explicit = !useCurrent;
  const periodText = data ? describePeriod(data.range) : '';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('dashboard.title')}</Title>
        <DashboardPeriodPicker period={period} onChange={setPeriod} errors={errors} />
      </Group>
      <FirstStepsCard />
      <PageState query={summary}>
        {data ? (
          <>
            <SimpleGrid cols={4}>
              <Figure
                label={t('dashboard.activeClients')}
                hint={t('dashboard.hintToday')}
                value={formatNumber(data.activeClients)}
                testId="figure-clients"
              />
              <Figure
                label={t('dashboard.pending')}
                hint={explicit ? t('dashboard.hintDueInPeriod') : t('dashboard.hintAllOpen')}
                value={formatMoney(data.totals.pendingCents)}
                testId="figure-pending"
              />
              <Figure
                label={t('dashboard.overdue')}
                hint={explicit ? t('dashboard.hintDueInPeriod') : t('dashboard.hintAllOpen')}
                value={formatMoney(data.totals.overdueCents)}
                color="red"
                testId="figure-overdue"
              />
              <Figure
                label={t('dashboard.paid')}
                hint={periodText}
                value={formatMoney(data.totals.paidCents)}
                color="teal"
                testId="figure-paid"
              />
            </SimpleGrid>
            <SimpleGrid cols={3}>
              <Card withBorder style={{ gridColumn: 'span 2' }}>
                <Text fw={600} mb="sm" data-testid="revenue-title">
                  {explicit
                    ? t('dashboard.revenueInPeriod', { period: periodText })
                    : t('dashboard.revenueChart')}
                </Text>
                {data.monthlyRevenue.some((month) => month.paidCents !== 0) ? (
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
                ) : (
                  <Text c="dimmed" size="sm" py="xl" ta="center" data-testid="revenue-empty">
                    {t('firstRun.chartEmpty')}
                  </Text>
                )}
              </Card>
              <SectionCard title={t('dashboard.byStatusIn', { period: periodText })}>
                <Stack gap="xs" data-testid="by-status">
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
  hint,
  value,
  color,
  testId,
}: {
  label: string;
  /** What the figure covers ("com vencimento no período"). */
  hint: string;
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
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}
