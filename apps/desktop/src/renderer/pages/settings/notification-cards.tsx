import { Card, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { savedFeedback } from '../../components/forms';
import { PageState } from '../../components/page-state';
import { SaveRow } from '../../components/save-row';
import { SectionCard } from '../../components/section-card';
import { t } from '../../i18n';
import { authKeys, settingsKeys } from '../../queries/keys';
import { useApi, useSignedIn } from '../../session-context';

// E-mail notices: the organization's (hours and kinds, owners and admins edit them) and the user's own.

type NotificationValues = {
  appointmentReminderHour: number;
  financeNoticeHour: number;
  emailAppointmentReminders: boolean;
  emailDueNotices: boolean;
  emailOverdueNotices: boolean;
};

/** The organization's notice hours and which notices also go by e-mail. */
export function NotificationSettingsCard({ canEdit }: { canEdit: boolean }) {
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

/** The signed-in user's own e-mail preferences: every role may change them. */
export function MyNotificationsCard() {
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
