import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CompanyDetailsCard } from '../components/company-details';
import { LogoSettingsCard } from '../components/logo-settings';
import { PrivacyCard } from '../components/privacy-card';
import { t } from '../i18n';
import { useSignedIn } from '../session-context';
import { MembersCard } from './settings/members-card';
import { MyNotificationsCard, NotificationSettingsCard } from './settings/notification-cards';
import { OrganizationCard } from './settings/organization-card';
import { TeamLoginsCard } from './settings/team-logins-card';

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
