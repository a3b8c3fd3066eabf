import { ActionIcon, Badge, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZInviteMemberInput, MEMBERSHIP_ROLES, type MembershipRole } from '@picineiros/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useConfirm } from '../../components/confirm-dialog';
import { savedFeedback, showMutationError, showSuccess, validateWith } from '../../components/forms';
import { PageState } from '../../components/page-state';
import { SectionCard } from '../../components/section-card';
import { formatDateTime, t } from '../../i18n';
import { settingsKeys, type Inputs } from '../../queries/keys';
import { useApi, useSignedIn } from '../../session-context';

/** The members and pending invites; owners and admins change roles, remove members and invite. */
export function MembersCard({ canEdit }: { canEdit: boolean }) {
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
