import { Button, Card, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  ZSubscribeInput,
  maskDocument,
  BILLING_TYPES,
  type TBillingCurrent,
  type TPlanView,
  type BillingType,
} from '@picineiros/api/client';
import { useId, useState } from 'react';
import { showMutationError, showSuccess, validateWith } from '../../components/forms';
import { MaskedInput } from '../../components/masked-input';
import { formatMoney, t } from '../../i18n';
import { useCancelSubscription, useChangePlan, useSubscribe } from '../../queries/billing';

// The owner's forms: subscribe to a plan (with the CPF/CNPJ when the organization has none), or change
// the plan and the payment type, or cancel.

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
export type PlanCardProps = {
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

export function SubscribeCard({ current, plans, planCode, onPlanChange }: PlanCardProps) {
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

export function ChangePlanCard({ current, plans, planCode, onPlanChange }: PlanCardProps) {
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
