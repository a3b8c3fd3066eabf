import { Anchor, Group, List, Progress, Text, ThemeIcon } from '@mantine/core';
import type { FirstStep } from '@picineiros/api/organizations/first-steps';
import { useQuery } from '@tanstack/react-query';
import { t } from '../i18n';
import { dashboardKeys } from '../queries/keys';
import { href } from '../router';
import { useApi, useSignedIn } from '../session-context';
import { SectionCard } from './section-card';

/** Where each step is done. */
const STEP_PATHS: Record<FirstStep, string> = {
  company: '/settings',
  client: '/clients/new',
  visit: '/appointments',
  team: '/settings',
  email: '/profile',
};

/**
 * "Primeiros passos" on the dashboard of a new company (owners and admins: staff can do few of the steps).
 * Each step links to where it is done and is ticked from the data (organizations.firstSteps); the card is
 * gone once every step is done. Offline on the desktop the query fails and the card simply stays hidden.
 */
export function FirstStepsCard() {
  const api = useApi();
  const { orgId, memberships } = useSignedIn();
  const role = memberships.find((membership) => membership.organizationId === orgId)?.role ?? 'staff';
  const query = useQuery({
    queryKey: dashboardKeys.firstSteps(orgId),
    queryFn: () => api.organizations.firstSteps.query(),
    enabled: role !== 'staff',
    retry: false,
  });
  const view = query.data;
  if (role === 'staff' || !view || view.complete) return null;
  const done = view.steps.filter((step) => step.done).length;
  return (
    <SectionCard title={t('firstRun.title')}>
      <div data-testid="first-steps">
        <Group justify="space-between" mb={6}>
          <Text size="sm" c="dimmed">
            {t('firstRun.hint')}
          </Text>
          <Text size="sm" fw={600}>
            {t('firstRun.progress', { done, total: view.steps.length })}
          </Text>
        </Group>
        <Progress value={(done / view.steps.length) * 100} size="sm" mb="md" color="teal" />
        <List spacing="xs" listStyleType="none">
          {view.steps.map(({ step, done: stepDone }) => (
            <List.Item
              key={step}
              data-step={step}
              data-done={stepDone}
              icon={
                <ThemeIcon
                  size={22}
                  radius="xl"
                  color={stepDone ? 'teal' : 'gray'}
                  variant={stepDone ? 'filled' : 'light'}
                  aria-hidden
                >
                  {stepDone ? '✓' : ''}
                </ThemeIcon>
              }
            >
              <Group gap="xs">
                <Text
                  size="sm"
                  td={stepDone ? 'line-through' : undefined}
                  c={stepDone ? 'dimmed' : undefined}
                >
                  {t(`firstRun.steps.${step}`)}
                </Text>
                {stepDone ? (
                  <Text size="xs" c="teal" fw={600}>
                    {t('firstRun.done')}
                  </Text>
                ) : (
                  <Anchor href={href(STEP_PATHS[step])} size="sm" fw={600}>
                    {t(`firstRun.actions.${step}`)}
                  </Anchor>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      </div>
    </SectionCard>
  );
}
