import { Badge, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { PLAN_LIMITS, type TBillingCurrent, type SubscriptionStatus } from '@picineiros/api/client';
import { formatDate, formatNumber, t } from '../../i18n';

// Where the organization stands: its plan and status (trial, grace, paid until), and its use of the limits.

const STATUS_COLORS: Record<SubscriptionStatus, string> = {
  trialing: 'blue',
  active: 'teal',
  past_due: 'orange',
  canceled: 'gray',
  expired: 'red',
};

function trialCountdown(daysLeft: number): string {
  if (daysLeft <= 0) return t('billing.trialOver');
  return daysLeft === 1 ? t('billing.trialLastDay') : t('billing.trialDaysLeft', { days: daysLeft });
}

export function StatusCard({ current }: { current: TBillingCurrent }) {
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('billing.currentPlan')}
          </Text>
          <Text fw={700} size="xl" data-testid="billing-plan">
            {current.plan.name}
          </Text>
        </div>
        <Group gap="xs">
          {current.readOnly ? (
            <Badge color="red" variant="filled">
              {t('billing.readOnlyTitle')}
            </Badge>
          ) : null}
          <Badge color={STATUS_COLORS[current.status]} size="lg" data-testid="billing-status">
            {t(`billing.statuses.${current.status}`)}
          </Badge>
        </Group>
      </Group>
      <Stack gap={4} mt="sm">
        {current.trialDaysLeft !== null ? (
          <Text fw={600} c={current.trialDaysLeft <= 3 ? 'orange.8' : 'blue.8'} data-testid="trial-countdown">
            {trialCountdown(current.trialDaysLeft)}
          </Text>
        ) : null}
        {current.trialEndsAt && current.trialDaysLeft !== null && current.trialDaysLeft > 0 ? (
          <Text size="sm">{t('billing.trialEndsAt', { date: formatDate(current.trialEndsAt) })}</Text>
        ) : null}
        {current.status === 'trialing' && !current.subscribed ? (
          <Text size="sm" c="dimmed">
            {t('billing.trialPlan', { plan: current.plan.name })}
          </Text>
        ) : null}
        {current.currentPeriodEnd ? (
          <Text size="sm">
            {/* Canceled during the trial, the end is the trial's: nothing was paid, but it can be used. */}
            {t(current.status === 'canceled' ? 'billing.usableUntil' : 'billing.paidUntil', {
              date: formatDate(current.currentPeriodEnd),
            })}
          </Text>
        ) : null}
        {current.graceEndsAt && !current.readOnly ? (
          <Text size="sm" c="orange.8">
            {t('billing.graceEndsAt', { date: formatDate(current.graceEndsAt) })}
          </Text>
        ) : null}
        {current.billingType ? (
          <Text size="sm">
            {t('billing.paysWith', { type: t(`billing.billingTypes.${current.billingType}`) })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function usageColor(used: number, limit: number): string {
  if (used >= limit) return 'red';
  return used >= limit * 0.8 ? 'orange' : 'cyan';
}

export function UsageCard({ current }: { current: TBillingCurrent }) {
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('billing.usage')}
      </Text>
      <Stack gap="xs">
        {PLAN_LIMITS.map((limit) => {
          const { used, limit: max } = current.usage[limit];
          const percent = max > 0 ? Math.min(100, (used / max) * 100) : 100;
          return (
            <div key={limit} data-testid={`usage-${limit}`}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`billing.limits.${limit}`)}</Text>
                <Text size="sm" fw={600} c={used >= max ? 'red.8' : undefined}>
                  {t('billing.usageOf', { used: formatNumber(used), limit: formatNumber(max) })}
                </Text>
              </Group>
              <Progress
                value={percent}
                color={usageColor(used, max)}
                size="md"
                aria-label={t(`billing.limits.${limit}`)}
              />
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}
