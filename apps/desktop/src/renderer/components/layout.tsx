import { AppShell, Badge, Group, NavLink, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useCallback, type ReactNode } from 'react';
import { t, type MessageKey } from '../i18n';
import { AppMark } from './app-mark';
import { href, usePath } from '../router';
import { useSession, useSignedIn } from '../session-context';
import { useUnreadCount } from '../queries/hooks';
import { BillingBanner } from './billing-notices';
import { TrialBadge } from './trial-badge';
import { useIdleSignOut } from './use-idle-sign-out';
import { useOnline } from './use-online';

const NAV: { path: string; label: MessageKey }[] = [
  { path: '/', label: 'nav.dashboard' },
  { path: '/clients', label: 'nav.clients' },
  { path: '/appointments', label: 'nav.appointments' },
  { path: '/finance', label: 'nav.finance' },
  { path: '/reports', label: 'nav.reports' },
  { path: '/notifications', label: 'nav.notifications' },
  { path: '/settings', label: 'nav.settings' },
  { path: '/billing', label: 'nav.billing' },
  { path: '/profile', label: 'nav.profile' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { manager } = useSession();
  const { user, memberships, orgId } = useSignedIn();
  const path = usePath();
  const online = useOnline();
  const unread = useUnreadCount().data?.unread ?? 0;
  const signOutIdle = useCallback(() => void manager.signOut('idle'), [manager]);
  useIdleSignOut(signOutIdle);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <AppMark />
          <Group gap="md">
            {online ? null : (
              <Tooltip label={t('common.offlineHint')} multiline w={280}>
                <Badge color="orange" variant="filled" data-testid="offline-indicator">
                  {t('common.offline')}
                </Badge>
              </Tooltip>
            )}
            <TrialBadge />
            {memberships.length > 1 ? (
              <Select
                aria-label={t('nav.organization')}
                size="xs"
                value={orgId}
                allowDeselect={false}
                data={memberships.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
                onChange={(value) => value && manager.selectOrganization(value)}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {memberships[0]?.organizationName}
              </Text>
            )}
            <Text size="sm" fw={500}>
              {user.name}
            </Text>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Stack gap={2} justify="space-between" h="100%">
          <Stack gap={2}>
            {NAV.map((item) => (
              <NavLink
                key={item.path}
                href={href(item.path)}
                label={t(item.label)}
                active={item.path === '/' ? path === '/' : path.startsWith(item.path)}
                rightSection={
                  item.path === '/notifications' && unread > 0 ? (
                    <Badge size="sm" color="red" circle={unread < 10} data-testid="unread-badge">
                      {unread > 99 ? '99+' : unread}
                    </Badge>
                  ) : null
                }
              />
            ))}
          </Stack>
          <NavLink component="button" label={t('nav.signOut')} onClick={() => void manager.signOut()} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <BillingBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
