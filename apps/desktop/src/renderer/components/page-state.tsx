import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n';

/** Loading, error and empty states, the same on every page. */
export function PageState({
  query,
  empty,
  emptyHint,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  empty?: boolean;
  emptyHint?: string;
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
      <Stack align="center" py="xl" gap={4}>
        <Text fw={600}>{t('common.emptyTitle')}</Text>
        {emptyHint ? (
          <Text c="dimmed" size="sm">
            {emptyHint}
          </Text>
        ) : null}
      </Stack>
    );
  }
  return <>{children}</>;
}

export function messageOf(error: unknown): string {
  if (error instanceof TypeError) return t('errors.network');
  return error instanceof Error ? error.message : String(error);
}
