import { Anchor, Button, Group, List, Progress, Text, ThemeIcon } from '@mantine/core';
import type { FirstStep } from '@picineiros/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { t } from '../i18n';
import { dashboardKeys } from '../queries/keys';
import { href } from '../router';
import { useApi, useSignedIn } from '../session-context';
import { useConfirm } from './confirm-dialog';
import { showMutationError } from './forms';
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
    // Asked again each time the dashboard opens: some steps (the logo, an invitation, the e-mail) change
    // without touching the dashboard's figures, and the check is a few one-row reads.
    staleTime: 0,
    retry: false,
  });
  const queryClient = useQueryClient();
  const { confirm } = useConfirm();
  const dismiss = useMutation({
    mutationFn: () => api.organizations.dismissFirstSteps.mutate(),
    onSuccess: (data) => queryClient.setQueryData(dashboardKeys.firstSteps(orgId), data),
    onError: (error) => showMutationError(error),
  });
  const view = query.data;
  if (role === 'staff' || !view || view.complete || view.dismissed) return null;
  const done = view.steps.filter((step) => step.done).length;
  return (
    <SectionCard title={t('firstRun.title')}>
      <div data-testid="first-steps">
        <Group justify="space-between" mb={6}>
          <Text size="sm" c="dimmed">
            {t('firstRun.hint')}
          </Text>
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {t('firstRun.progress', { done, total: view.steps.length })}
            </Text>
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              loading={dismiss.isPending}
              onClick={() =>
                void confirm({
                  title: t('firstRun.dismissTitle'),
                  message: t('firstRun.dismissMessage'),
                  confirmLabel: t('firstRun.dismiss'),
                }).then((confirmed) => confirmed && dismiss.mutate())
              }
            >
              {t('firstRun.dismiss')}
            </Button>
          </Group>
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
