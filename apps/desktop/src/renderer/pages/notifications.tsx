import { Anchor, Badge, Button, Card, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { showMutationError, showSuccess } from '../components/forms';
import { linkTo } from '../components/linked-record';
import { PageState } from '../components/page-state';
import { formatDateTime, t } from '../i18n';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../queries/hooks';
import { href } from '../router';

const PAGE_SIZE = 20;

/** Where a notification leads: its visit (the agenda, open at it), its entry (Financeiro) or the team. */
function targetOf(item: { entityType: string; entityId: string }): { path: string; label: string } | null {
  switch (item.entityType) {
    case 'appointment':
      return { path: linkTo('/appointments', 'visit', item.entityId), label: t('notifications.openVisit') };
    case 'financeEntry':
      return { path: linkTo('/finance', 'entry', item.entityId), label: t('notifications.openEntry') };
    case 'membership':
      return { path: '/settings', label: t('notifications.openTeam') };
    default:
      return null;
  }
}

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
      <PageState
        query={query}
        empty={data?.items.length === 0}
        emptyTitle={t('firstRun.notificationsTitle')}
        emptyHint={t('firstRun.notificationsHint')}
      >
        <Stack gap="xs">
          {data?.items.map((item) => {
            const target = targetOf(item);
            const markThisRead = () => {
              if (!item.read) markRead.mutate(item.id, { onError: (error) => showMutationError(error) });
            };
            return (
              <Card
                key={item.id}
                withBorder
                bg={item.read ? undefined : 'cyan.0'}
                p="sm"
                data-notification={item.type}
              >
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
                    <Group gap="sm">
                      <Text size="xs" c="dimmed">
                        {formatDateTime(item.createdAt)}
                      </Text>
                      {target ? (
                        // A real link: Enter follows it, and it marks the notification read on the way.
                        <Anchor href={href(target.path)} size="xs" onClick={markThisRead}>
                          {target.label}
                        </Anchor>
                      ) : null}
                    </Group>
                  </Stack>
                  {item.read ? null : (
                    <Button size="compact-xs" variant="subtle" onClick={markThisRead}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      </PageState>
      {data && data.total > PAGE_SIZE ? (
        <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      ) : null}
    </Stack>
  );
}
