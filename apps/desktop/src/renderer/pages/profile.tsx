import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZChangePasswordInput } from '@picineiros/api/client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showMutationError, showSuccess, validateWith } from '../components/forms';
import { LoginEventsTable } from '../components/login-events';
import { PageState } from '../components/page-state';
import { CalendarFeedCard } from '../components/calendar-feed';
import { formatDateTime, t } from '../i18n';
import { authKeys } from '../queries/keys';
import { useApi, useSignedIn } from '../session-context';
import { DeleteAccountCard } from '../components/delete-account-card';
import { DEFAULT_IDLE_MINUTES, IDLE_MINUTES_KEY, readIdleMinutes } from '../components/use-idle-sign-out';

export function ProfilePage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { user, memberships } = useSignedIn();
  const sessions = useQuery({ queryKey: authKeys.sessions(), queryFn: () => api.auth.sessions.query() });
  const revoke = useMutation({
    mutationFn: (id: string) => api.auth.revokeSession.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions() }),
  });
  const [idleMinutes, setIdleMinutes] = useState<number | string>(readIdleMinutes());

  return (
    <Stack>
      <Title order={2}>{t('profile.title')}</Title>
      <Group align="stretch" grow>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('profile.account')}
          </Text>
          <Text>{user.name}</Text>
          <Text c="dimmed" size="sm">
            {user.email}
          </Text>
          {user.emailVerifiedAt ? null : <ResendVerification />}
          <Group mt="md" align="flex-end">
            <NumberInput
              label={t('profile.idleLabel')}
              min={1}
              max={720}
              w={360}
              value={idleMinutes}
              onChange={setIdleMinutes}
            />
            <Button
              variant="light"
              onClick={() => {
                const minutes = Number(idleMinutes) || DEFAULT_IDLE_MINUTES;
                localStorage.setItem(IDLE_MINUTES_KEY, String(minutes));
                showSuccess(t('common.saved'));
              }}
            >
              {t('common.save')}
            </Button>
          </Group>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('profile.organizations')}
          </Text>
          <Stack gap={6}>
            {memberships.map((membership) => (
              <Group key={membership.organizationId} justify="space-between">
                <Text>{membership.organizationName}</Text>
                <Badge variant="light">{t(`profile.roles.${membership.role}`)}</Badge>
              </Group>
            ))}
          </Stack>
        </Card>
      </Group>
      <CalendarFeedCard />
      <ChangePassword />
      <Card withBorder>
        <Text fw={600}>{t('profile.sessions')}</Text>
        <Text size="sm" c="dimmed" mb="sm">
          {t('profile.sessionsHint')}
        </Text>
        <PageState query={sessions}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.client')}</Table.Th>
                <Table.Th>{t('profile.device')}</Table.Th>
                <Table.Th>{t('profile.createdAt')}</Table.Th>
                <Table.Th>{t('profile.lastUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data?.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap={6}>
                      {t(`profile.clients.${session.client}`)}
                      {session.current ? (
                        <Badge size="sm" color="teal">
                          {t('profile.current')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} maw={420} title={session.userAgent ?? ''}>
                      {describeAgent(session.userAgent)} {session.ip ? `· ${session.ip}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastUsedAt)}</Table.Td>
                  <Table.Td ta="right">
                    {session.current ? null : (
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="light"
                        loading={revoke.isPending && revoke.variables === session.id}
                        onClick={() =>
                          revoke.mutate(session.id, {
                            onSuccess: () => showSuccess(t('profile.revoked')),
                            onError: (error) => showMutationError(error),
                          })
                        }
                      >
                        {t('profile.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PageState>
      </Card>
      <LoginHistoryCard />
      <DeleteAccountCard />
    </Stack>
  );
}

function LoginHistoryCard() {
  const api = useApi();
  const history = useInfiniteQuery({
    queryKey: authKeys.loginHistory(),
    queryFn: ({ pageParam }) =>
      api.auth.loginHistory.query({ limit: 10, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <Card withBorder>
      <Text fw={600}>{t('profile.loginHistory')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('profile.loginHistoryHint')}
      </Text>
      <LoginEventsTable query={history} />
    </Card>
  );
}

/** 'Mozilla/5.0 (X11; Linux x86_64) … Chrome/141…' → 'Chrome · Linux'. */
function describeAgent(agent: string | null): string {
  if (!agent) return '—';
  const browser = /Electron/.test(agent)
    ? 'Picineiros'
    : /Edg\//.test(agent)
      ? 'Edge'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : /Firefox\//.test(agent)
          ? 'Firefox'
          : /Safari\//.test(agent)
            ? 'Safari'
            : 'Navegador';
  const os = /Windows/.test(agent)
    ? 'Windows'
    : /Mac OS/.test(agent)
      ? 'macOS'
      : /Linux/.test(agent)
        ? 'Linux'
        : '';
  return os ? `${browser} · ${os}` : browser;
}

function ResendVerification() {
  const api = useApi();
  const resend = useMutation({ mutationFn: () => api.auth.resendVerification.mutate() });
  return (
    <Group gap="xs" mt={4}>
      <Badge color="yellow" variant="light">
        {t('profile.emailNotVerified')}
      </Badge>
      <Button
        size="compact-xs"
        variant="subtle"
        loading={resend.isPending}
        onClick={() =>
          resend.mutate(undefined, {
            onSuccess: () => showSuccess(t('profile.verificationSent')),
            onError: (error) => showMutationError(error),
          })
        }
      >
        {t('profile.resendVerification')}
      </Button>
    </Group>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string };

function ChangePassword() {
  const api = useApi();
  const change = useMutation({
    mutationFn: (values: PasswordValues) => api.auth.changePassword.mutate(values),
  });
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: validateWith(ZChangePasswordInput, (values: PasswordValues) => values),
  });
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('profile.changePassword')}
      </Text>
      <form
        onSubmit={form.onSubmit((values) =>
          change.mutate(values, {
            onSuccess: () => {
              form.reset();
              showSuccess(t('profile.passwordChanged'));
            },
            onError: (error) => showMutationError(error, form.setErrors),
          }),
        )}
      >
        <Group align="flex-start">
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            w={260}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            w={260}
            {...form.getInputProps('newPassword')}
          />
          <Button type="submit" mt={24} loading={change.isPending}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
