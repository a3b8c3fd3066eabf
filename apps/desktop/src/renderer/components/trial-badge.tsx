import { Badge } from '@mantine/core';
import { tCount } from '../i18n';
import { useBillingCurrent } from '../queries/billing';
import { href } from '../router';
import { BILLING_PATH } from './billing-notices';

/**
 * The trial's days left, in the header on every page, as a link to Assinatura. Only while trialing on a
 * server that takes payments (without them nothing ends, so nothing is counted down).
 */
export function TrialBadge() {
  const current = useBillingCurrent().data;
  if (!current?.billingAvailable || current.subscribed || current.trialDaysLeft == null) return null;
  const days = current.trialDaysLeft;
  return (
    <Badge
      component="a"
      href={href(BILLING_PATH)}
      variant="light"
      color={days <= 3 ? 'orange' : 'cyan'}
      style={{ cursor: 'pointer', textTransform: 'none' }}
      data-testid="trial-days"
    >
      {tCount('firstRun.trialDays', days)}
    </Badge>
  );
}
