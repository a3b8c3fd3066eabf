import { Alert, Anchor } from '@mantine/core';
import { formatDate, t } from '../i18n';
import { useCurrentOrganization } from '../queries/privacy';
import { href } from '../router';

/** The banner shown on every page while the organization waits for its purge. */
export function DeletionBanner() {
  const organization = useCurrentOrganization();
  const deletion = organization.data?.deletion;
  if (!deletion) return null;
  return (
    <Alert color="red" mb="md" title={t('privacy.deletionBannerTitle')} data-testid="deletion-banner">
      {t('privacy.deletionBanner', { date: formatDate(deletion.purgeAfter) })}{' '}
      <Anchor href={href('/settings')} size="sm">
        {t('nav.settings')}
      </Anchor>
    </Alert>
  );
}
