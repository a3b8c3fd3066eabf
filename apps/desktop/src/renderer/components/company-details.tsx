import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZUpdateOrganizationInput } from '@picineiros/api/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { t } from '../i18n';
import { organizationKeys, settingsKeys, type Outputs } from '../queries/keys';
import { useCurrentOrganization } from '../queries/privacy';
import { useApi, useSignedIn } from '../session-context';
import { AddressFields, addressValuesOf, DocumentPhoneFields, type AddressValues } from './contact-fields';
import { savedFeedback, validateWith } from './forms';
import { PageState } from './page-state';
import { SaveRow } from './save-row';
import { SectionCard } from './section-card';

type Organization = Outputs['organizations']['current'];

type CompanyValues = {
  document: string;
  phone: string;
  replyToEmail: string;
  address: AddressValues;
};

function valuesOf(organization: Organization | undefined): CompanyValues {
  return {
    document: organization?.documentMasked ?? '',
    phone: organization?.phoneMasked ?? '',
    replyToEmail: organization?.replyToEmail ?? '',
    address: addressValuesOf(organization?.address),
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
  const organization = useCurrentOrganization();
  const form = useForm<CompanyValues>({
    initialValues: valuesOf(undefined),
    validate: validateWith(ZUpdateOrganizationInput, (values: CompanyValues) => values),
  });
  const { setValues } = form;
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
              <DocumentPhoneFields
                form={form}
                documentLabel={t('company.document')}
                phoneLabel={t('company.phone')}
                disabled={!canEdit}
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
            <AddressFields form={form} disabled={!canEdit} />
            <SaveRow canEdit={canEdit} loading={save.isPending} />
          </Stack>
        </form>
      </PageState>
    </SectionCard>
  );
}
