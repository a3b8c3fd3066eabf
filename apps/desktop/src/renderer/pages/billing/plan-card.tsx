import { Badge, Button, Card, Group, List, Text } from '@mantine/core';
import { PLAN_LIMITS, type TPlanView, type PlanLimit } from '@picineiros/api/client';
import { formatMoney, formatNumber, t } from '../../i18n';

/** One plan of the plan table: its price and limits, and "Escolher" for an owner who may change it. */
export function PlanCard({
  plan,
  current,
  chosen,
  onChoose,
}: {
  plan: TPlanView;
  current: boolean;
  chosen: boolean;
  onChoose: (() => void) | undefined;
}) {
  return (
    <Card
      withBorder
      data-testid={`plan-${plan.code}`}
      style={chosen ? { borderColor: 'var(--mantine-color-cyan-6)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between">
        <Text fw={700}>{plan.name}</Text>
        {current ? <Badge color="teal">{t('billing.currentPlan')}</Badge> : null}
      </Group>
      <Group gap={4} align="baseline" mt={4}>
        <Text fw={800} size="xl">
          {formatMoney(plan.priceCents)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('billing.perMonth')}
        </Text>
      </Group>
      <List size="sm" mt="xs" spacing={2}>
        {PLAN_LIMITS.map((limit: PlanLimit) => (
          <List.Item key={limit}>
            {limit === 'members' && plan.limits.members === 1
              ? t('billing.limitLine.oneMember')
              : t(`billing.limitLine.${limit}`, { count: formatNumber(plan.limits[limit]) })}
          </List.Item>
        ))}
      </List>
      {onChoose && !current ? (
        <Button mt="sm" variant={chosen ? 'filled' : 'light'} onClick={onChoose}>
          {chosen ? t('billing.chosen') : t('billing.choose')}
        </Button>
      ) : null}
    </Card>
  );
}
