import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n';

/**
 * Loading, error and empty states, the same on every page. An empty list says what it is for and offers
 * its primary action (`emptyTitle`, `emptyHint`, `emptyAction`), so a new company knows where to start.
 */
export function PageState({
  query,
  empty,
  emptyTitle,
  emptyHint,
  emptyAction,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  empty?: boolean;
  emptyTitle?: string;
  emptyHint?: string;
  emptyAction?: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="xl" aria-busy="true">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t('common.errorTitle')} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{messageOf(query.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (empty) {
    return (
      <Stack align="center" py="xl" gap={4} data-testid="empty-state">
        <Text fw={600}>{emptyTitle ?? t('common.emptyTitle')}</Text>
        {emptyHint ? (
          <Text c="dimmed" size="sm" ta="center" maw={520}>
            {emptyHint}
          </Text>
        ) : null}
        {emptyAction ? <Group mt="sm">{emptyAction}</Group> : null}
      </Stack>
    );
  }
  return <>{children}</>;
}

export function messageOf(error: unknown): string {
  if (error instanceof TypeError) return t('errors.network');
  return error instanceof Error ? error.message : String(error);
}
