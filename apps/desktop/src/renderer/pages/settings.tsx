import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZInviteMemberInput } from '@picineiros/api/members/schema';
import { ZUpdateOrganizationInput } from '@picineiros/api/organizations/schema';
import { MEMBERSHIP_ROLES, type MembershipRole } from '@picineiros/api/shared/constants';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useConfirm } from '../components/confirm-dialog';
import { DateRangeFields } from '../components/date-range-fields';
import { savedFeedback, showMutationError, showSuccess, validateWith } from '../components/forms';
import { LoginEventsTable } from '../components/login-events';
import { SaveRow } from '../components/save-row';
import { SectionCard } from '../components/section-card';
import { PageState } from '../components/page-state';
import { PrivacyCard } from '../components/privacy';
import { CompanyDetailsCard } from '../components/company-details';
import { LogoSettingsCard } from '../components/logo-settings';
import { formatDateTime, t } from '../i18n';
import { auditKeys, authKeys, settingsKeys, type Inputs } from '../queries/keys';
import { useCurrentOrganization } from '../queries/privacy';
import { useApi, useSignedIn } from '../session-context';

const BRAZILIAN_TIME_ZONES = [
  { value: 'America/Sao_Paulo', label: 'Brasília (SP, RJ, MG, Sul, GO, DF…)' },
  { value: 'America/Bahia', label: 'Bahia' },
  { value: 'America/Fortaleza', label: 'Fortaleza (CE, RN, PB, PI, MA)' },
  { value: 'America/Recife', label: 'Recife (PE)' },
  { value: 'America/Belem', label: 'Belém (PA, AP)' },
  { value: 'America/Manaus', label: 'Manaus (AM)' },
  { value: 'America/Cuiaba', label: 'Cuiabá (MT)' },
  { value: 'America/Campo_Grande', label: 'Campo Grande (MS)' },
  { value: 'America/Porto_Velho', label: 'Porto Velho (RO)' },
  { value: 'America/Boa_Vista', label: 'Boa Vista (RR)' },
  { value: 'America/Rio_Branco', label: 'Rio Branco (AC)' },
  { value: 'America/Noronha', label: 'Fernando de Noronha' },
];

/** Organization, members and invites, notification settings. Editing is for owners and admins. */
export function SettingsPage() {
  const { memberships, orgId } = useSignedIn();
  const role = memberships.find((membership) => membership.organizationId === orgId)?.role ?? 'staff';
  const canEdit = role !== 'staff';
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      {canEdit ? null : (
        <Text c="dimmed" size="sm">
          {t('settings.readOnly')}
        </Text>
      )}
      <SimpleGrid cols={2}>
        <OrganizationCard canEdit={canEdit} />
        <Stack>
          <NotificationSettingsCard canEdit={canEdit} />
          <MyNotificationsCard />
        </Stack>
      </SimpleGrid>
      <CompanyDetailsCard canEdit={canEdit} />
      <LogoSettingsCard canEdit={canEdit} />
      <MembersCard canEdit={canEdit} />
      {canEdit ? <TeamLoginsCard /> : null}
      <PrivacyCard />
    </Stack>
  );
}

function OrganizationCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const organization = useCurrentOrganization();
  const form = useForm({
    initialValues: { name: '', timezone: 'America/Sao_Paulo' },
    validate: validateWith(ZUpdateOrganizationInput, (values: { name: string; timezone: string }) => values),
  });
  const { setValues } = form;
  useEffect(() => {
    if (organization.data) setValues({ name: organization.data.name, timezone: organization.data.timezone });
  }, [organization.data, setValues]);
  const save = useMutation({
    mutationFn: (values: Inputs['organizations']['update']) => api.organizations.update.mutate(values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all(orgId) }),
  });
  return (
    <SectionCard title={t('settings.organization')}>
      <PageState query={organization}>
        <form onSubmit={form.onSubmit((values) => save.mutate(values, savedFeedback(form.setErrors)))}>
          <Stack>
            <TextInput
              label={t('settings.organizationName')}
              disabled={!canEdit}
              {...form.getInputProps('name')}
            />
            <Select
              label={t('settings.timezone')}
              disabled={!canEdit}
              allowDeselect={false}
              data={BRAZILIAN_TIME_ZONES}
              {...form.getInputProps('timezone')}
            />
            <SaveRow canEdit={canEdit} loading={save.isPending} />
          </Stack>
        </form>
      </PageState>
    </SectionCard>
  );
}

type NotificationValues = {
  appointmentReminderHour: number;
  financeNoticeHour: number;
  emailAppointmentReminders: boolean;
  emailDueNotices: boolean;
  emailOverdueNotices: boolean;
};

function NotificationSettingsCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const settings = useQuery({
    queryKey: settingsKeys.notifications(orgId),
    queryFn: () => api.settings.notifications.query(),
  });
  const form = useForm<NotificationValues>({
    initialValues: {
      appointmentReminderHour: 8,
      financeNoticeHour: 9,
      emailAppointmentReminders: true,
      emailDueNotices: true,
      emailOverdueNotices: true,
    },
  });
  const { setValues } = form;
  useEffect(() => {
    if (settings.data) setValues(settings.data);
  }, [settings.data, setValues]);
  const save = useMutation({
    mutationFn: (values: NotificationValues) => api.settings.updateNotifications.mutate(values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.notifications(orgId) }),
  });
  return (
    <SectionCard title={t('settings.notifications')}>
      <PageState query={settings}>
        <form onSubmit={form.onSubmit((values) => save.mutate(values, savedFeedback(form.setErrors)))}>
          <Stack gap="sm">
            <Group grow>
              <NumberInput
                label={t('settings.reminderHour')}
                min={0}
                max={23}
                disabled={!canEdit}
                {...form.getInputProps('appointmentReminderHour')}
              />
              <NumberInput
                label={t('settings.financeHour')}
                min={0}
                max={23}
                disabled={!canEdit}
                {...form.getInputProps('financeNoticeHour')}
              />
            </Group>
            <Switch
              label={t('settings.emailReminders')}
              disabled={!canEdit}
              {...form.getInputProps('emailAppointmentReminders', { type: 'checkbox' })}
            />
            <Switch
              label={t('settings.emailDue')}
              disabled={!canEdit}
              {...form.getInputProps('emailDueNotices', { type: 'checkbox' })}
            />
            <Switch
              label={t('settings.emailOverdue')}
              disabled={!canEdit}
              {...form.getInputProps('emailOverdueNotices', { type: 'checkbox' })}
            />
            <SaveRow canEdit={canEdit} loading={save.isPending} />
          </Stack>
        </form>
      </PageState>
    </SectionCard>
  );
}

function MembersCard({ canEdit }: { canEdit: boolean }) {
  const { confirm } = useConfirm();
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const members = useQuery({
    queryKey: settingsKeys.members(orgId),
    queryFn: () => api.members.list.query(),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.members(orgId) });
  const invite = useMutation({
    mutationFn: (values: Inputs['members']['invite']) => api.members.invite.mutate(values),
    onSuccess: refresh,
  });
  const setRole = useMutation({
    mutationFn: (values: Inputs['members']['setRole']) => api.members.setRole.mutate(values),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (membershipId: string) => api.members.remove.mutate({ membershipId }),
    onSuccess: refresh,
  });
  const form = useForm<{ email: string; role: MembershipRole }>({
    initialValues: { email: '', role: 'staff' },
    validate: validateWith(ZInviteMemberInput, (values: { email: string; role: MembershipRole }) => values),
  });
  const roleOptions = MEMBERSHIP_ROLES.map((value) => ({ value, label: t(`profile.roles.${value}`) }));
  return (
    <SectionCard title={t('settings.members')}>
      <PageState query={members}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clients.name')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('profile.role')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data?.members.map((member) => (
              <Table.Tr key={member.membershipId}>
                <Table.Td>{member.name}</Table.Td>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td w={220}>
                  {canEdit && !member.isMe ? (
                    <Select
                      size="xs"
                      allowDeselect={false}
                      aria-label={t('profile.role')}
                      data={roleOptions}
                      value={member.role}
                      onChange={(value) =>
                        value &&
                        setRole.mutate({ membershipId: member.membershipId, role: value }, savedFeedback())
                      }
                    />
                  ) : (
                    <Badge variant="light">{t(`profile.roles.${member.role}`)}</Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right" w={60}>
                  {canEdit && !member.isMe ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('settings.removeMember')}
                      onClick={() =>
                        void confirm({
                          title: t('settings.removeConfirm', { name: member.name }),
                          message: t('settings.removeConfirmHint'),
                          confirmLabel: t('settings.removeMember'),
                          danger: true,
                        }).then(
                          (confirmed) =>
                            confirmed &&
                            remove.mutate(member.membershipId, {
                              onError: (error) => showMutationError(error),
                            }),
                        )
                      }
                    >
                      ✕
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
            {members.data?.pendingInvites.map((pending) => (
              <Table.Tr key={pending.email}>
                <Table.Td c="dimmed">{t('settings.invited')}</Table.Td>
                <Table.Td c="dimmed">{pending.email}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray">
                    {t(`profile.roles.${pending.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td c="dimmed" fz="xs">
                  {t('settings.inviteExpires', { date: formatDateTime(pending.expiresAt) })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </PageState>
      {canEdit ? (
        <form
          onSubmit={form.onSubmit((values) =>
            invite.mutate(values, {
              onSuccess: () => {
                form.reset();
                showSuccess(t('settings.inviteSent'));
              },
              onError: (error) => showMutationError(error, form.setErrors),
            }),
          )}
        >
          <Group align="flex-start" mt="md">
            <TextInput
              label={t('settings.inviteEmail')}
              type="email"
              w={320}
              {...form.getInputProps('email')}
            />
            <Select
              label={t('profile.role')}
              allowDeselect={false}
              w={200}
              data={roleOptions}
              {...form.getInputProps('role')}
            />
            <Button type="submit" mt={24} loading={invite.isPending}>
              {t('settings.invite')}
            </Button>
          </Group>
        </form>
      ) : null}
    </SectionCard>
  );
}

/** The signed-in user's own e-mail preferences: every role may change them. */
function MyNotificationsCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: authKeys.myNotifications(),
    queryFn: () => api.settings.myNotifications.query(),
  });
  const save = useMutation({
    mutationFn: (notifyNewDevice: boolean) => api.settings.updateMyNotifications.mutate({ notifyNewDevice }),
    onSuccess: (data) => queryClient.setQueryData(authKeys.myNotifications(), data),
  });
  return (
    <Card withBorder>
      <Text fw={600}>{t('settings.myNotifications')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.myNotificationsHint')}
      </Text>
      <PageState query={settings}>
        <Switch
          label={t('settings.notifyNewDevice')}
          checked={settings.data?.notifyNewDevice ?? true}
          disabled={save.isPending}
          onChange={(event) => save.mutate(event.currentTarget.checked, savedFeedback())}
        />
      </PageState>
    </Card>
  );
}

/** Owners and admins: the members' sign-ins, by member and date range. */
function TeamLoginsCard() {
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
