import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useClipboard } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { TBillingCurrent, TInvoiceView, TPlanView } from '@picineiros/api/billing/schema';
import { ZSubscribeInput } from '@picineiros/api/billing/schema';
import { maskDocument } from '@picineiros/api/shared/brazil';
import {
  BILLING_TYPES,
  PLAN_LIMITS,
  type BillingType,
  type PlanLimit,
  type SubscriptionStatus,
} from '@picineiros/db/constants';
import { useEffect, useId, useState } from 'react';
import { errorCodeOf } from '../api/client';
import { showMutationError, showSuccess, validateWith } from '../components/forms';
import { MaskedInput } from '../components/masked-input';
import { PageState } from '../components/page-state';
import { useOnline } from '../components/use-online';
import { formatDate, formatLocalDate, formatMoney, formatNumber, t } from '../i18n';
import {
  isPayable,
  useBillingCurrent,
  useCancelSubscription,
  useChangePlan,
  useCurrentFollowsInvoices,
  useInvoices,
  usePlans,
  useSubscribe,
} from '../queries/billing';
import { useSignedIn } from '../session-context';

// The billing screen: where the organization stands (plan, status, trial, usage), the plans, subscribing
// or changing plan (owners), and the invoices with their "pay" link and PIX code (owners and admins).
// Everything here comes from the server: the desktop core forwards billing.*, so it needs a connection.

const STATUS_COLORS: Record<SubscriptionStatus, string> = {
  trialing: 'blue',
  active: 'teal',
  past_due: 'orange',
  canceled: 'gray',
  expired: 'red',
};

const INVOICE_COLORS: Record<TInvoiceView['status'], string> = {
  pending: 'yellow',
  confirmed: 'teal',
  received: 'teal',
  overdue: 'red',
  refunded: 'gray',
  deleted: 'gray',
};

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

function trialCountdown(daysLeft: number): string {
  if (daysLeft <= 0) return t('billing.trialOver');
  return daysLeft === 1 ? t('billing.trialLastDay') : t('billing.trialDaysLeft', { days: daysLeft });
}

function StatusCard({ current }: { current: TBillingCurrent }) {
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t('billing.currentPlan')}
          </Text>
          <Text fw={700} size="xl" data-testid="billing-plan">
            {current.plan.name}
          </Text>
        </div>
        <Group gap="xs">
          {current.readOnly ? (
            <Badge color="red" variant="filled">
              {t('billing.readOnlyTitle')}
            </Badge>
          ) : null}
          <Badge color={STATUS_COLORS[current.status]} size="lg" data-testid="billing-status">
            {t(`billing.statuses.${current.status}`)}
          </Badge>
        </Group>
      </Group>
      <Stack gap={4} mt="sm">
        {current.trialDaysLeft !== null ? (
          <Text fw={600} c={current.trialDaysLeft <= 3 ? 'orange.8' : 'blue.8'} data-testid="trial-countdown">
            {trialCountdown(current.trialDaysLeft)}
          </Text>
        ) : null}
        {current.trialEndsAt && current.trialDaysLeft !== null && current.trialDaysLeft > 0 ? (
          <Text size="sm">{t('billing.trialEndsAt', { date: formatDate(current.trialEndsAt) })}</Text>
        ) : null}
        {current.status === 'trialing' && !current.subscribed ? (
          <Text size="sm" c="dimmed">
            {t('billing.trialPlan', { plan: current.plan.name })}
          </Text>
        ) : null}
        {current.currentPeriodEnd ? (
          <Text size="sm">
            {/* Canceled during the trial, the end is the trial's: nothing was paid, but it can be used. */}
            {t(current.status === 'canceled' ? 'billing.usableUntil' : 'billing.paidUntil', {
              date: formatDate(current.currentPeriodEnd),
            })}
          </Text>
        ) : null}
        {current.graceEndsAt && !current.readOnly ? (
          <Text size="sm" c="orange.8">
            {t('billing.graceEndsAt', { date: formatDate(current.graceEndsAt) })}
          </Text>
        ) : null}
        {current.billingType ? (
          <Text size="sm">
            {t('billing.paysWith', { type: t(`billing.billingTypes.${current.billingType}`) })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function usageColor(used: number, limit: number): string {
  if (used >= limit) return 'red';
  return used >= limit * 0.8 ? 'orange' : 'cyan';
}

function UsageCard({ current }: { current: TBillingCurrent }) {
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('billing.usage')}
      </Text>
      <Stack gap="xs">
        {PLAN_LIMITS.map((limit) => {
          const { used, limit: max } = current.usage[limit];
          const percent = max > 0 ? Math.min(100, (used / max) * 100) : 100;
          return (
            <div key={limit} data-testid={`usage-${limit}`}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`billing.limits.${limit}`)}</Text>
                <Text size="sm" fw={600} c={used >= max ? 'red.8' : undefined}>
                  {t('billing.usageOf', { used: formatNumber(used), limit: formatNumber(max) })}
                </Text>
              </Group>
              <Progress
                value={percent}
                color={usageColor(used, max)}
                size="md"
                aria-label={t(`billing.limits.${limit}`)}
              />
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}

function PlanCard({
  plan,
  current,
  chosen,
  onChoose,
}: {
  plan: TPlanView;
  current: boolean;
  chosen: boolean;
  onChoose: (() => void) | undefined;
}) {
  return (
    <Card
      withBorder
      data-testid={`plan-${plan.code}`}
      style={chosen ? { borderColor: 'var(--mantine-color-cyan-6)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between">
        <Text fw={700}>{plan.name}</Text>
        {current ? <Badge color="teal">{t('billing.currentPlan')}</Badge> : null}
      </Group>
      <Group gap={4} align="baseline" mt={4}>
        <Text fw={800} size="xl">
          {formatMoney(plan.priceCents)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('billing.perMonth')}
        </Text>
      </Group>
      <List size="sm" mt="xs" spacing={2}>
        {PLAN_LIMITS.map((limit: PlanLimit) => (
          <List.Item key={limit}>
            {limit === 'members' && plan.limits.members === 1
              ? t('billing.limitLine.oneMember')
              : t(`billing.limitLine.${limit}`, { count: formatNumber(plan.limits[limit]) })}
          </List.Item>
        ))}
      </List>
      {onChoose && !current ? (
        <Button mt="sm" variant={chosen ? 'filled' : 'light'} onClick={onChoose}>
          {chosen ? t('billing.chosen') : t('billing.choose')}
        </Button>
      ) : null}
    </Card>
  );
}

function BillingTypeField({
  value,
  onChange,
}: {
  value: BillingType;
  onChange: (value: BillingType) => void;
}) {
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('billing.billingType')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={onChange}
        data={BILLING_TYPES.map((type) => ({ value: type, label: t(`billing.billingTypes.${type}`) }))}
      />
      {value === 'credit_card' ? (
        <Text size="xs" c="dimmed">
          {t('billing.cardHint')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** What the subscribe and change-plan cards share: the plan picked on the page, lifted so the plan table follows it. */
type PlanCardProps = {
  current: TBillingCurrent;
  plans: TPlanView[];
  planCode: string | null;
  onPlanChange: (code: string | null) => void;
};

/** The plans as a Select's options: name and monthly price. */
function planOptions(plans: readonly TPlanView[]) {
  return plans.map((plan) => ({
    value: plan.code,
    label: `${plan.name} · ${formatMoney(plan.priceCents)}${t('billing.perMonth')}`,
  }));
}

type SubscribeValues = { billingType: BillingType; cpfCnpj: string };

function SubscribeCard({ current, plans, planCode, onPlanChange }: PlanCardProps) {
  const subscribe = useSubscribe();
  const needsDocument = current.document === null;
  const form = useForm<SubscribeValues>({ initialValues: { billingType: 'pix', cpfCnpj: '' } });
  const toInput = (values: SubscribeValues) => ({
    planCode: planCode ?? '',
    billingType: values.billingType,
    ...(needsDocument ? { cpfCnpj: values.cpfCnpj } : {}),
  });
  const submit = form.onSubmit((values) => {
    const errors = validateWith(ZSubscribeInput, toInput)(values);
    if (needsDocument && !values.cpfCnpj.trim()) errors['cpfCnpj'] = t('billing.documentRequired');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    subscribe.mutate(toInput(values), {
      onSuccess: () => {
        showSuccess(t('billing.subscribed'));
        onPlanChange(null);
      },
      onError: (error) => showMutationError(error, form.setErrors),
    });
  });
  return (
    <Card withBorder>
      <Text fw={600}>{t('billing.subscribeTitle')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {current.status === 'trialing' ? t('billing.subscribeTrialHint') : t('billing.subscribeHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={2}>
          <Select
            label={t('billing.plan')}
            allowDeselect={false}
            value={planCode}
            onChange={(value) => {
              if (value) onPlanChange(value);
              form.clearFieldError('planCode');
            }}
            data={planOptions(plans)}
            error={form.errors['planCode']}
          />
          {needsDocument ? (
            <MaskedInput
              label={t('billing.document')}
              description={t('billing.documentHint')}
              mask={maskDocument}
              {...form.getInputProps('cpfCnpj')}
              value={form.values.cpfCnpj}
              onChange={(value) => form.setFieldValue('cpfCnpj', value)}
            />
          ) : null}
          <BillingTypeField
            value={form.values.billingType}
            onChange={(value) => form.setFieldValue('billingType', value)}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={subscribe.isPending}>
            {t('billing.subscribe')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function ChangePlanCard({ current, plans, planCode, onPlanChange }: PlanCardProps) {
  const changePlan = useChangePlan();
  const cancel = useCancelSubscription();
  const [billingType, setBillingType] = useState<BillingType>(current.billingType ?? 'pix');
  const [planError, setPlanError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const others = plans.filter((plan) => plan.code !== current.plan.code);
  return (
    <Card withBorder>
      <Text fw={600}>{t('billing.changeTitle')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('billing.changeHint')}
      </Text>
      <Group align="flex-start" grow>
        <Select
          label={t('billing.newPlan')}
          allowDeselect={false}
          value={planCode !== current.plan.code ? planCode : null}
          onChange={(value) => {
            if (value) onPlanChange(value);
            setPlanError(undefined);
          }}
          data={planOptions(others)}
          error={planError}
        />
        <BillingTypeField value={billingType} onChange={setBillingType} />
      </Group>
      <Group justify="space-between" mt="md">
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          {t('billing.cancel')}
        </Button>
        <Button
          loading={changePlan.isPending}
          onClick={() => {
            if (!planCode || planCode === current.plan.code) {
              setPlanError(t('billing.chooseOtherPlan'));
              return;
            }
            changePlan.mutate(
              { planCode, billingType },
              {
                onSuccess: () => {
                  showSuccess(t('billing.planChanged'));
                  onPlanChange(null);
                },
                onError: (error) =>
                  showMutationError(error, (errors) =>
                    setPlanError(errors['planCode'] ?? errors['billingType']),
                  ),
              },
            );
          }}
        >
          {t('billing.changePlan')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('billing.cancelConfirmTitle')}>
        <Text size="sm">{t('billing.cancelConfirm')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('billing.cancelKeep')}
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(undefined, {
                onSuccess: () => {
                  showSuccess(t('billing.canceled'));
                  setConfirming(false);
                },
                onError: (error) => showMutationError(error),
              })
            }
          >
            {t('billing.cancel')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

/** Asaas's invoice page in the system browser (the Electron shell lets Asaas's hosts through). */
function PayButton({ invoice }: { invoice: TInvoiceView }) {
  if (!invoice.invoiceUrl || !isPayable(invoice)) return null;
  return (
    <Button
      component="a"
      href={invoice.invoiceUrl}
      target="_blank"
      rel="noopener noreferrer"
      size="compact-sm"
    >
      {t('billing.pay')}
    </Button>
  );
}

function CopyPixButton({ code, compact }: { code: string; compact?: boolean }) {
  const clipboard = useClipboard({ timeout: 2500 });
  useEffect(() => {
    // No clipboard access (an old browser, a denied permission): the code stays selectable in its field.
    if (clipboard.error) notifications.show({ color: 'red', message: t('billing.copyFailed') });
  }, [clipboard.error]);
  return (
    <Button
      size={compact ? 'compact-sm' : 'sm'}
      variant={clipboard.copied ? 'filled' : 'light'}
      color={clipboard.error ? 'red' : clipboard.copied ? 'teal' : 'cyan'}
      onClick={() => clipboard.copy(code)}
      title={clipboard.error ? t('billing.copyFailed') : undefined}
    >
      {clipboard.copied ? t('billing.pixCopied') : t('billing.copyPix')}
    </Button>
  );
}

/** The invoice to pay now: its PIX code in full (to copy), its page, and the hint that it updates itself. */
function OpenInvoice({ invoice }: { invoice: TInvoiceView }) {
  return (
    <Alert
      color={invoice.status === 'overdue' ? 'red' : 'cyan'}
      variant="light"
      title={t(invoice.status === 'overdue' ? 'billing.overdueInvoice' : 'billing.openInvoice', {
        amount: formatMoney(invoice.amountCents),
        date: formatLocalDate(invoice.dueDate),
      })}
      data-testid="open-invoice"
    >
      <Stack gap="xs">
        {invoice.pixCode ? (
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('billing.pixCode')}
              value={invoice.pixCode}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyPixButton code={invoice.pixCode} />
          </Group>
        ) : null}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('billing.pendingHint')}
          </Text>
          <PayButton invoice={invoice} />
        </Group>
      </Stack>
    </Alert>
  );
}

function InvoicesCard({ query }: { query: ReturnType<typeof useInvoices> }) {
  return (
    <Card withBorder mt="md">
      <Text fw={600} mb="sm">
        {t('billing.invoices')}
      </Text>
      <PageState query={query} empty={query.data?.length === 0} emptyHint={t('billing.noInvoices')}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.dueDate')}</Table.Th>
              <Table.Th ta="right">{t('billing.amount')}</Table.Th>
              <Table.Th>{t('billing.status')}</Table.Th>
              <Table.Th>{t('billing.billingType')}</Table.Th>
              <Table.Th ta="right">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data?.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid="invoice-row">
                <Table.Td>{formatLocalDate(invoice.dueDate)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatMoney(invoice.amountCents)}
                </Table.Td>
                <Table.Td>
                  <Badge color={INVOICE_COLORS[invoice.status]} variant="light" data-testid="invoice-status">
                    {t(`billing.invoiceStatuses.${invoice.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`billing.billingTypes.${invoice.billingType}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    {invoice.pixCode ? <CopyPixButton code={invoice.pixCode} compact /> : null}
                    <PayButton invoice={invoice} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </PageState>
    </Card>
  );
}
