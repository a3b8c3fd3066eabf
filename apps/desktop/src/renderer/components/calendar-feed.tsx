import { Button, Card, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useConfirm } from './confirm-dialog';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { t } from '../i18n';
import { calendarKeys } from '../queries/reports';
import { useApi, useSignedIn } from '../session-context';
import { messageOf } from './page-state';

/** The member's secret iCalendar address: create, copy, rotate (the old one stops at once), disable. */
export function CalendarFeedCard() {
  const { confirm } = useConfirm();
  const api = useApi();
  const { orgId } = useSignedIn();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: calendarKeys.feed(orgId), queryFn: () => api.calendar.feedUrl.query() });
  const onError = (failure: unknown) => notifications.show({ color: 'red', message: messageOf(failure) });
  const rotate = useMutation({
    mutationFn: () => api.calendar.rotateSecret.mutate(),
    onSuccess: (data) => {
      if (feed.data?.url) notifications.show({ color: 'teal', message: t('calendar.rotated') });
      queryClient.setQueryData(calendarKeys.feed(orgId), data);
    },
    onError,
  });
  const disable = useMutation({
    mutationFn: () => api.calendar.disable.mutate(),
    onSuccess: (data) => {
      queryClient.setQueryData(calendarKeys.feed(orgId), data);
      notifications.show({ color: 'teal', message: t('calendar.disabled') });
    },
    onError,
  });
  const url = feed.data?.url ?? null;

  return (
    <Card withBorder data-testid="calendar-feed">
      <Text fw={600}>{t('calendar.title')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('calendar.hint')}
      </Text>
      {url ? (
        <Stack gap="xs">
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('calendar.url')}
              value={url}
              readOnly
              style={{ flex: 1 }}
              data-testid="calendar-url"
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                >
                  {copied ? t('calendar.copied') : t('calendar.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            {t('calendar.howGoogle')}
            <br />
            {t('calendar.howOutlook')}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              loading={rotate.isPending}
              onClick={() =>
                void confirm({
                  title: t('calendar.rotateConfirmTitle'),
                  message: t('calendar.rotateConfirm'),
                  confirmLabel: t('calendar.rotate'),
                  danger: true,
                }).then((confirmed) => confirmed && rotate.mutate())
              }
            >
              {t('calendar.rotate')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={disable.isPending}
              onClick={() => disable.mutate()}
            >
              {t('calendar.disable')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Button loading={rotate.isPending} onClick={() => rotate.mutate()} data-testid="calendar-create">
          {t('calendar.create')}
        </Button>
      )}
    </Card>
  );
}
