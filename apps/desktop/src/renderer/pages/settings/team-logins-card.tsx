import { Card, Group, Select, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateRangeFields } from '../../components/date-range-fields';
import { LoginEventsTable } from '../../components/login-events';
import { t } from '../../i18n';
import { auditKeys, settingsKeys } from '../../queries/keys';
import { useApi, useSignedIn } from '../../session-context';

/** Owners and admins: the members' sign-ins, by member and date range. */
export function TeamLoginsCard() {
  const api = useApi();
  const { orgId } = useSignedIn();
  const [membershipId, setMembershipId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const members = useQuery({
    queryKey: settingsKeys.members(orgId),
    queryFn: () => api.members.list.query(),
  });
  const filters = {
    ...(membershipId ? { membershipId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: 15,
  };
  const logins = useInfiniteQuery({
    queryKey: auditKeys.logins(orgId, filters),
    queryFn: ({ pageParam }) =>
      api.audit.logins.query({ ...filters, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const memberOptions = [
    { value: '', label: t('settings.allMembers') },
    ...(members.data?.members.map((member) => ({ value: member.membershipId, label: member.name })) ?? []),
  ];
  return (
    <Card withBorder>
      <Text fw={600}>{t('settings.teamLogins')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.teamLoginsHint')}
      </Text>
      <Group align="flex-end" mb="sm">
        <Select
          label={t('logins.member')}
          w={260}
          allowDeselect={false}
          data={memberOptions}
          value={membershipId ?? ''}
          onChange={(value) => setMembershipId(value || null)}
        />
        <DateRangeFields
          from={{ label: t('settings.loginsFrom'), value: from, onChange: setFrom }}
          to={{ label: t('settings.loginsTo'), value: to, onChange: setTo }}
          w={160}
        />
      </Group>
      <LoginEventsTable query={logins} showMember />
    </Card>
  );
}
