import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { t } from '../i18n';
import { billingRefusalOf, isGlobalBillingRefusal, useBillingCurrent } from '../queries/billing';
import { href, usePath } from '../router';
import { messageOf } from './page-state';

export const BILLING_PATH = '/billing';

const BANNER_COLORS = {
  trial_ending: 'blue',
  past_due: 'orange',
  canceled: 'yellow',
  read_only: 'red',
} as const;

/** The app-wide banner: trial ending, an unpaid invoice, a canceled subscription, a read-only organization. */
export function BillingBanner() {
  const current = useBillingCurrent();
  const path = usePath();
  const banner = current.data?.banner;
  if (!banner) return null;
  return (
    <Alert
      color={BANNER_COLORS[banner.kind]}
      variant="light"
      title={t(`billing.bannerTitles.${banner.kind}`)}
      mb="md"
      role={banner.kind === 'read_only' ? 'alert' : 'status'}
      data-testid="billing-banner"
      data-kind={banner.kind}
    >
      <Text size="sm">
        {banner.message}{' '}
        {path.startsWith(BILLING_PATH) ? null : (
          <Anchor href={href(BILLING_PATH)} size="sm" fw={600} c="inherit" underline="always">
            {t('billing.seeBilling')}
          </Anchor>
        )}
      </Text>
    </Alert>
  );
}

/**
 * The global handler of refused writes (the query client's mutation cache calls it for every failed
 * mutation): a read-only organization or a plan limit gets one notice with a link to the billing screen,
 * whatever page the write came from, and the banner is refreshed. Returns whether it handled the error, so
 * the page's own handler does not show it twice.
 */
export function showBillingRefusal(error: unknown, queryClient?: QueryClient): boolean {
  const refusal = billingRefusalOf(error);
  if (!refusal || !isGlobalBillingRefusal(error)) return false;
  const readOnly = refusal.reason === 'read_only';
  notifications.show({
    // One notice at a time, however many writes were refused.
    id: `billing-${refusal.reason}`,
    color: readOnly ? 'red' : 'orange',
    title: readOnly ? t('billing.readOnlyTitle') : t('billing.limitTitle'),
    autoClose: 12_000,
    message: (
      <Stack gap={4} data-testid={`billing-refusal-${refusal.reason}`}>
        <Text size="sm">{messageOf(error)}</Text>
        <Anchor
          href={href(BILLING_PATH)}
          size="sm"
          fw={600}
          onClick={() => notifications.hide(`billing-${refusal.reason}`)}
        >
          {t('billing.seeBilling')}
        </Anchor>
      </Stack>
    ),
  });
  if (queryClient) {
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] === 'billing' });
  }
  return true;
}
