import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZUpdateOrganizationInput } from '@picineiros/api/organizations/schema';
import { maskDocument, maskPhone } from '@picineiros/api/shared/brazil';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { t } from '../i18n';
import { organizationKeys, settingsKeys, type Outputs } from '../queries/keys';
import { useApi, useSignedIn } from '../session-context';
import type { CepFillFields } from './cep-fill';
import { CepField } from './cep-field';
import { savedFeedback, validateWith } from './forms';
import { MaskedInput } from './masked-input';
import { PageState } from './page-state';
import { SectionCard } from './section-card';
import { UfSelect } from './typed-select';

type Organization = Outputs['organizations']['current'];

type CompanyValues = {
  document: string;
  phone: string;
  replyToEmail: string;
  address: {
    cep: string;
    street: string;
    number: string;
    complement: string;
    district: string;
    city: string;
    uf: string;
  };
};

function valuesOf(organization: Organization | undefined): CompanyValues {
  const address = organization?.address;
  return {
    document: organization?.documentMasked ?? '',
    phone: organization?.phoneMasked ?? '',
    replyToEmail: organization?.replyToEmail ?? '',
    address: {
      cep: address?.cepMasked ?? '',
      street: address?.street ?? '',
      number: address?.number ?? '',
      complement: address?.complement ?? '',
      district: address?.district ?? '',
      city: address?.city ?? '',
      uf: address?.uf ?? '',
    },
  };
}

/**
 * Configurações › Dados da empresa: CNPJ/CPF, phone, reply-to e-mail and address, which the clients see on
 * reports, PDFs and e-mails. Blank fields are cleared (the form sends what it shows).
 */
export function CompanyDetailsCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const organization = useQuery({
    queryKey: settingsKeys.organization(orgId),
    queryFn: () => api.organizations.current.query(),
  });
  const form = useForm<CompanyValues>({
    initialValues: valuesOf(undefined),
    validate: validateWith(ZUpdateOrganizationInput, (values: CompanyValues) => values),
  });
  const { setValues, setFieldValue } = form;
  useEffect(() => {
    if (organization.data) setValues(valuesOf(organization.data));
  }, [organization.data, setValues]);
  const save = useMutation({
    mutationFn: (values: CompanyValues) => api.organizations.update.mutate(values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: settingsKeys.all(orgId) });
      await queryClient.invalidateQueries({ queryKey: organizationKeys.all(orgId) });
    },
  });
  const fill = useCallback(
    (fields: Partial<CepFillFields>) => {
      for (const [field, value] of Object.entries(fields)) setFieldValue(`address.${field}`, value);
    },
    [setFieldValue],
  );
  const { address } = form.values;
  return (
    <SectionCard title={t('company.title')}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('company.hint')}
      </Text>
      <PageState query={organization}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => save.mutate(values, savedFeedback(form.setErrors)))}
        >
          <Stack gap="sm">
            <SimpleGrid cols={3}>
              <MaskedInput
                label={t('company.document')}
                mask={maskDocument}
                inputMode="text"
                disabled={!canEdit}
                {...form.getInputProps('document')}
                value={form.values.document}
                onChange={(value) => form.setFieldValue('document', value)}
              />
              <MaskedInput
                label={t('company.phone')}
                mask={maskPhone}
                disabled={!canEdit}
                {...form.getInputProps('phone')}
                value={form.values.phone}
                onChange={(value) => form.setFieldValue('phone', value)}
              />
              <TextInput
                label={t('company.replyToEmail')}
                description={t('company.replyToHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                type="email"
                disabled={!canEdit}
                {...form.getInputProps('replyToEmail')}
              />
            </SimpleGrid>
            <SimpleGrid cols={4}>
              <CepField
                label={t('clients.cep')}
                value={address.cep}
                onChange={(value) => form.setFieldValue('address.cep', value)}
                address={address}
                onFill={fill}
                error={form.errors['address.cep']}
                disabled={!canEdit}
              />
              <TextInput
                label={t('clients.street')}
                style={{ gridColumn: 'span 2' }}
                disabled={!canEdit}
                {...form.getInputProps('address.street')}
              />
              <TextInput
                label={t('clients.streetNumber')}
                disabled={!canEdit}
                {...form.getInputProps('address.number')}
              />
              <TextInput
                label={t('clients.complement')}
                disabled={!canEdit}
                {...form.getInputProps('address.complement')}
              />
              <TextInput
                label={t('clients.district')}
                disabled={!canEdit}
                {...form.getInputProps('address.district')}
              />
              <TextInput
                label={t('clients.city')}
                disabled={!canEdit}
                {...form.getInputProps('address.city')}
              />
              <UfSelect
                label={t('clients.uf')}
                disabled={!canEdit}
                {...form.getInputProps('address.uf')}
                value={address.uf}
                onChange={(value) => form.setFieldValue('address.uf', value)}
              />
            </SimpleGrid>
            {canEdit ? (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </form>
      </PageState>
    </SectionCard>
  );
}
