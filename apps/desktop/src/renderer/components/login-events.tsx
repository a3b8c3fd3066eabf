import { Badge, Button, Center, Group, Stack, Table, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { formatDateTime, t } from '../i18n';
import type { Outputs } from '../queries/keys';
import { PageState } from './page-state';

type LoginEvent = Outputs['auth']['loginHistory']['items'][number] & {
  member?: { membershipId: string; name: string; email: string };
};
type LoginPage = { items: LoginEvent[]; nextCursor: string | null };

const OUTCOME_COLORS: Record<LoginEvent['outcome'], string> = {
  success: 'teal',
  failure: 'red',
  throttled: 'orange',
};

/** Sign-ins, newest first, a page at a time: the profile's history and the team's, in settings. */
export function LoginEventsTable({
  query,
  showMember = false,
}: {
  query: UseInfiniteQueryResult<InfiniteData<LoginPage>>;
  showMember?: boolean;
}) {
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <PageState query={query}>
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('logins.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Table verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('logins.when')}</Table.Th>
                {showMember ? <Table.Th>{t('logins.member')}</Table.Th> : null}
                <Table.Th>{t('logins.result')}</Table.Th>
                <Table.Th>{t('logins.device')}</Table.Th>
                <Table.Th>{t('logins.address')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td w={150}>{formatDateTime(event.at)}</Table.Td>
                  {showMember ? (
                    <Table.Td>
                      <Text size="sm">{event.member?.name}</Text>
                      <Text size="xs" c="dimmed">
                        {event.member?.email}
                      </Text>
                    </Table.Td>
                  ) : null}
                  <Table.Td miw={160}>
                    <Badge variant="light" tt="none" color={OUTCOME_COLORS[event.outcome]}>
                      {t(`logins.outcomes.${event.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" title={event.userAgent ?? ''}>
                        {event.client === 'desktop'
                          ? t('logins.desktopApp')
                          : `${event.browser} · ${event.os}`}
                      </Text>
                      {event.newDevice ? (
                        <Badge size="xs" color="yellow" variant="outline">
                          {t('logins.newDevice')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td w={150}>
                    <Text size="sm" ff="monospace">
                      {event.ip ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {query.hasNextPage ? (
            <Center>
              <Button
                variant="subtle"
                size="xs"
                loading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('logins.loadMore')}
              </Button>
            </Center>
          ) : null}
        </Stack>
      )}
    </PageState>
  );
}
