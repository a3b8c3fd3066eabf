import { Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZUpdateOrganizationInput } from '@picineiros/api/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { savedFeedback, validateWith } from '../../components/forms';
import { PageState } from '../../components/page-state';
import { SaveRow } from '../../components/save-row';
import { SectionCard } from '../../components/section-card';
import { t } from '../../i18n';
import { settingsKeys, type Inputs } from '../../queries/keys';
import { useCurrentOrganization } from '../../queries/privacy';
import { useApi, useSignedIn } from '../../session-context';

const BRAZILIAN_TIME_ZONES = [
  { value: 'America/Sao_Paulo', label: 'Brasília (SP, RJ, MG, Sul, GO, DF…)' },
  { value: 'America/Bahia', label: 'Bahia' },
  { value: 'America/Fortaleza', label: 'Fortaleza (CE, RN, PB, PI, MA)' },
  { value: 'America/Recife', label: 'Recife (PE)' },
  { value: 'America/Belem', label: 'Belém (PA, AP)' },
  { value: 'America/Manaus', label: 'Manaus (AM)' },
  { value: 'America/Cuiaba', label: 'Cuiabá (MT)' },
  { value: 'America/Campo_Grande', label: 'Campo Grande (MS)' },
  { value: 'America/Porto_Velho', label: 'Porto Velho (RO)' },
  { value: 'America/Boa_Vista', label: 'Boa Vista (RR)' },
  { value: 'America/Rio_Branco', label: 'Rio Branco (AC)' },
  { value: 'America/Noronha', label: 'Fernando de Noronha' },
];

/** The organization's name and time zone (its business dates and monthly figures follow the zone). */
export function OrganizationCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const organization = useCurrentOrganization();
  const form = useForm({
    initialValues: { name: '', timezone: 'America/Sao_Paulo' },
    validate: validateWith(ZUpdateOrganizationInput, (values: { name: string; timezone: string }) => values),
  });
  const { setValues } = form;
  useEffect(() => {
    if (organization.data) setValues({ name: organization.data.name, timezone: organization.data.timezone });
  }, [organization.data, setValues]);
  const save = useMutation({
    mutationFn: (values: Inputs['organizations']['update']) => api.organizations.update.mutate(values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all(orgId) }),
  });
  return (
    <SectionCard title={t('settings.organization')}>
      <PageState query={organization}>
        <form onSubmit={form.onSubmit((values) => save.mutate(values, savedFeedback(form.setErrors)))}>
          <Stack>
            <TextInput
              label={t('settings.organizationName')}
              disabled={!canEdit}
              {...form.getInputProps('name')}
            />
            <Select
              label={t('settings.timezone')}
              disabled={!canEdit}
              allowDeselect={false}
              data={BRAZILIAN_TIME_ZONES}
              {...form.getInputProps('timezone')}
            />
            <SaveRow canEdit={canEdit} loading={save.isPending} />
          </Stack>
        </form>
      </PageState>
    </SectionCard>
  );
}
