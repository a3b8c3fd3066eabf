import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  ZCreateClientInput,
  ZUpdateClientInput,
  POOL_LOCATIONS,
  POOL_TYPES,
  type PoolLocation,
  type PoolType,
} from '@picineiros/api/client';
import { useEffect } from 'react';
import { useConfirm } from '../components/confirm-dialog';
import { AddressFields, DocumentPhoneFields } from '../components/contact-fields';
import { savedFeedback, showMutationError, showSuccess, validateWith } from '../components/forms';
import { PageState } from '../components/page-state';
import { SaveRow } from '../components/save-row';
import { SectionCard } from '../components/section-card';
import { TypedSelect } from '../components/typed-select';
import { t } from '../i18n';
import { useArchiveClient, useClient, useSaveClient } from '../queries/hooks';
import { navigate } from '../router';
import {
  formErrorsOf,
  inputOf,
  newPool,
  valuesOf,
  type ClientFormValues,
  type ClientView,
} from './client-detail/form-values';
import { ClientHistory } from './client-detail/history';

// A client's page: the client form (contact, address, pools), then its visits and charges. New clients
// get the form alone. The parts live in ./client-detail/.

const POOL_TYPE_OPTIONS = POOL_TYPES.map((type) => ({ value: type, label: t(`pools.types.${type}`) }));
const POOL_LOCATION_OPTIONS = POOL_LOCATIONS.map((location) => ({
  value: location,
  label: t(`pools.locations.${location}`),
}));

export function ClientDetailPage({ id }: { id: string }) {
  const creating = id === 'new';
  const client = useClient(creating ? undefined : id);
  if (creating) return <ClientForm />;
  return <PageState query={client}>{client.data ? <ClientForm client={client.data} /> : null}</PageState>;
}

function ClientForm({ client }: { client?: ClientView }) {
  const { confirm } = useConfirm();
  const save = useSaveClient();
  const archive = useArchiveClient();
  const validate = validateWith(
    client ? ZUpdateClientInput : ZCreateClientInput,
    (values: ClientFormValues) => (client ? { id: client.id, ...inputOf(values) } : inputOf(values)),
  );
  const form = useForm<ClientFormValues>({
    initialValues: valuesOf(client),
    validate: (values) => formErrorsOf(validate(values), values),
  });
  useEffect(() => {
    if (client) form.setValues(valuesOf(client));
    // Only when another version arrives (after a save or a sync), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client?.id, client?.version]);

  const submit = form.onSubmit((values) => {
    const input = inputOf(values);
    save.mutate(
      client
        ? { kind: 'update', data: { id: client.id, version: client.version, ...input } }
        : { kind: 'create', data: input },
      {
        onSuccess: (saved) => {
          showSuccess(client ? t('common.saved') : t('common.created'));
          if (!client) navigate(`/clients/${saved.id}`);
        },
        onError: (error) =>
          showMutationError(error, (errors) => form.setErrors(formErrorsOf(errors, values))),
      },
    );
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Button variant="subtle" onClick={() => navigate('/clients')}>
            ← {t('common.back')}
          </Button>
          <Title order={2}>{client ? client.name : t('clients.new')}</Title>
          {client?.deletedAt ? <Badge color="gray">{t('clients.archived')}</Badge> : null}
        </Group>
        {client ? (
          <Button
            variant="light"
            color={client.deletedAt ? 'teal' : 'red'}
            loading={archive.isPending}
            onClick={() => {
              if (client.deletedAt) {
                archive.mutate({ id: client.id, archived: false }, savedFeedback());
                return;
              }
              void confirm({
                title: t('clients.archiveConfirmTitle', { name: client.name }),
                message: t('clients.archiveConfirm'),
                confirmLabel: t('common.archive'),
                danger: true,
              }).then(
                (confirmed) =>
                  confirmed && archive.mutate({ id: client.id, archived: true }, savedFeedback()),
              );
            }}
          >
            {client.deletedAt ? t('common.restore') : t('common.archive')}
          </Button>
        ) : null}
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack>
          <SectionCard title={t('clients.contact')}>
            <SimpleGrid cols={3}>
              <TextInput label={t('clients.name')} required {...form.getInputProps('name')} />
              <DocumentPhoneFields
                form={form}
                documentLabel={t('clients.document')}
                phoneLabel={t('clients.phone')}
              />
              <TextInput label={t('clients.email')} type="email" {...form.getInputProps('email')} />
              <Switch
                label={t('clients.active')}
                mt="xl"
                {...form.getInputProps('active', { type: 'checkbox' })}
              />
            </SimpleGrid>
          </SectionCard>
          <SectionCard title={t('clients.address')}>
            <AddressFields form={form} />
          </SectionCard>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Text fw={600}>{t('clients.pools')}</Text>
              <Button variant="light" size="xs" onClick={() => form.insertListItem('pools', newPool())}>
                {t('clients.addPool')}
              </Button>
            </Group>
            {form.errors['pools'] ? (
              <Text c="red" size="sm" mb="xs">
                {form.errors['pools']}
              </Text>
            ) : null}
            <Stack gap="sm">
              {form.values.pools.map((pool, index) => (
                <Group key={pool.id ?? `new-${index}`} align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('pools.label')}
                    w={140}
                    {...form.getInputProps(`pools.${index}.label`)}
                  />
                  <TypedSelect
                    label={t('pools.type')}
                    required
                    placeholder={t('clients.poolTypePlaceholder')}
                    w={180}
                    data={POOL_TYPE_OPTIONS}
                    {...form.getInputProps(`pools.${index}.type`)}
                    value={pool.type || null}
                    onChange={(value) =>
                      form.setFieldValue(`pools.${index}.type`, (value ?? '') as PoolType | '')
                    }
                  />
                  <NumberInput
                    label={t('pools.volume')}
                    w={150}
                    thousandSeparator="."
                    decimalSeparator=","
                    allowDecimal={false}
                    min={0}
                    {...form.getInputProps(`pools.${index}.volumeLiters`)}
                  />
                  <TypedSelect
                    label={t('pools.location')}
                    w={130}
                    data={POOL_LOCATION_OPTIONS}
                    {...form.getInputProps(`pools.${index}.location`)}
                    value={pool.location}
                    onChange={(value) =>
                      value && form.setFieldValue(`pools.${index}.location`, value as PoolLocation)
                    }
                  />
                  <Switch
                    label={t('pools.heated')}
                    mb={8}
                    {...form.getInputProps(`pools.${index}.heated`, { type: 'checkbox' })}
                  />
                  <TextInput
                    label={t('pools.notes')}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`pools.${index}.notes`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    aria-label={t('clients.removePool')}
                    disabled={form.values.pools.length <= 1}
                    onClick={() => form.removeListItem('pools', index)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          </Card>
          <Card withBorder>
            <Textarea label={t('common.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          </Card>
          <SaveRow loading={save.isPending} />
        </Stack>
      </form>
      {client ? <ClientHistory clientId={client.id} /> : null}
    </Stack>
  );
}
