import { Alert, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TBillingCurrent, TInvoiceView, TPlanView } from '@picineiros/api/client';
import { useState } from 'react';
import { errorCodeOf } from '../api/client';
import { PageState } from '../components/page-state';
import { useOnline } from '../components/use-online';
import { t } from '../i18n';
import {
  isPayable,
  useBillingCurrent,
  useCurrentFollowsInvoices,
  useInvoices,
  usePlans,
} from '../queries/billing';
import { useSignedIn } from '../session-context';
import { InvoicesCard, OpenInvoice } from './billing/invoices';
import { PlanCard } from './billing/plan-card';
import { StatusCard, UsageCard } from './billing/standing';
import { ChangePlanCard, SubscribeCard } from './billing/subscription-forms';

// The billing screen: where the organization stands (plan, status, trial, usage), the plans, subscribing
// or changing plan (owners), and the invoices with their "pay" link and PIX code (owners and admins).
// Everything here comes from the server: the desktop core forwards billing.*, so it needs a connection.
// The parts live in ./billing/.

export function BillingPage() {
  const online = useOnline();
  const { memberships, orgId } = useSignedIn();
  const role = memberships.find((membership) => membership.organizationId === orgId)?.role ?? 'staff';
  const seesInvoices = role !== 'staff';
  const invoices = useInvoices(seesInvoices && online);
  // An invoice waiting for its payment: the status changes by webhook, so the status card follows it too.
  const current = useBillingCurrent({ poll: invoices.data?.some(isPayable) ?? false });
  useCurrentFollowsInvoices(invoices.data);
  const plans = usePlans();
  const [chosenPlan, setChosenPlan] = useState<string | null>(null);
  const open = invoices.data?.find(isPayable);

  const offline = !online || errorCodeOf(current.error) === 'SERVICE_UNAVAILABLE';
  return (
    <Stack>
      <Title order={2}>{t('billing.title')}</Title>
      {offline ? (
        <Alert color="orange" title={t('common.offline')} data-testid="billing-offline">
          {t('billing.offline')}
        </Alert>
      ) : (
        <PageState query={current}>
          {current.data ? (
            <BillingDetails
              current={current.data}
              open={open}
              plans={plans.data ?? []}
              chosenPlan={chosenPlan}
              onChoosePlan={setChosenPlan}
            />
          ) : null}
          {seesInvoices ? <InvoicesCard query={invoices} /> : null}
        </PageState>
      )}
    </Stack>
  );
}

function BillingDetails({
  current,
  open,
  plans,
  chosenPlan,
  onChoosePlan,
}: {
  current: TBillingCurrent;
  /** The invoice waiting for payment, first thing on the screen. */
  open: TInvoiceView | undefined;
  plans: TPlanView[];
  chosenPlan: string | null;
  onChoosePlan: (code: string | null) => void;
}) {
  const manages = current.canManage && current.billingAvailable;
  return (
    <Stack>
      <SimpleGrid cols={2}>
        <StatusCard current={current} />
        <UsageCard current={current} />
      </SimpleGrid>
      {open ? <OpenInvoice invoice={open} /> : null}
      {current.billingAvailable ? null : (
        <Alert color="gray" title={t('billing.subscribeTitle')} data-testid="billing-unavailable">
          {t('billing.unavailable')}
        </Alert>
      )}
      {current.canManage ? null : (
        <Text size="sm" c="dimmed">
          {t('billing.ownerOnly')}
        </Text>
      )}
      <Title order={4}>{t('billing.plans')}</Title>
      <SimpleGrid cols={3}>
        {plans.map((plan) => (
          <PlanCard
            key={plan.code}
            plan={plan}
            current={current.subscribed && plan.code === current.plan.code}
            chosen={plan.code === chosenPlan}
            onChoose={manages ? () => onChoosePlan(plan.code) : undefined}
          />
        ))}
      </SimpleGrid>
      {manages && !current.subscribed ? (
        <SubscribeCard current={current} plans={plans} planCode={chosenPlan} onPlanChange={onChoosePlan} />
      ) : null}
      {manages && current.subscribed ? (
        <ChangePlanCard current={current} plans={plans} planCode={chosenPlan} onPlanChange={onChoosePlan} />
      ) : null}
    </Stack>
  );
}
