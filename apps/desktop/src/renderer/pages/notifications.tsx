import { Badge, Button, Card, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { showMutationError, showSuccess } from '../components/forms';
import { PageState } from '../components/page-state';
import { formatDateTime, t } from '../i18n';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../queries/hooks';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const query = useNotifications({ page, pageSize: PAGE_SIZE });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const data = query.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Button
          variant="light"
          disabled={!data?.unread}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: () => showSuccess(t('notifications.allRead')),
              onError: (error) => showMutationError(error),
            })
          }
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <PageState query={query} empty={data?.items.length === 0} emptyHint={t('notifications.empty')}>
        <Stack gap="xs">
          {data?.items.map((item) => (
            <Card key={item.id} withBorder bg={item.read ? undefined : 'cyan.0'} p="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{item.title}</Text>
                    {item.read ? null : (
                      <Badge size="xs" color="cyan">
                        {t('notifications.unread')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">{item.body}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.createdAt)}
                  </Text>
                </Stack>
                {item.read ? null : (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => markRead.mutate(item.id, { onError: (error) => showMutationError(error) })}
                  >
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      </PageState>
      {data && data.total > PAGE_SIZE ? (
        <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      ) : null}
    </Stack>
  );
}
