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
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZCreateClientInput, ZUpdateClientInput } from '@picineiros/api/clients/schema';
import {
  POOL_LOCATIONS,
  POOL_TYPES,
  type PoolLocation,
  type PoolType,
} from '@picineiros/api/shared/constants';
import { useEffect } from 'react';
import { useConfirm } from '../components/confirm-dialog';
import {
  AddressFields,
  addressValuesOf,
  DocumentPhoneFields,
  type AddressValues,
} from '../components/contact-fields';
import { savedFeedback, showMutationError, showSuccess, validateWith } from '../components/forms';
import { SaveRow } from '../components/save-row';
import { SectionCard } from '../components/section-card';
import { TypedSelect } from '../components/typed-select';
import { PageState } from '../components/page-state';
import { formatLocalDate, formatMoney, t } from '../i18n';
import { useAppointments, useArchiveClient, useClient, useSaveClient } from '../queries/hooks';
import type { Outputs } from '../queries/keys';
import { navigate } from '../router';
import { StatusBadge } from '../components/appointment-status-badge';
import { ClientCharges } from './client-detail/charges';

type ClientView = Outputs['clients']['get'];

type PoolValues = {
  id?: string;
  label: string;
  /** '' until the user picks one: a type the form chose by itself would describe a pool nobody described. */
  type: PoolType | '';
  volumeLiters: number | string;
  location: PoolLocation;
  heated: boolean;
  notes: string;
};

type Values = {
  name: string;
  document: string;
  phone: string;
  email: string;
  address: AddressValues;
  notes: string;
  active: boolean;
  pools: PoolValues[];
};

const newPool = (): PoolValues => ({
  label: '',
  type: '',
  volumeLiters: '',
  location: 'outdoor',
  heated: false,
  notes: '',
});

const POOL_TYPE_OPTIONS = POOL_TYPES.map((type) => ({ value: type, label: t(`pools.types.${type}`) }));
const POOL_LOCATION_OPTIONS = POOL_LOCATIONS.map((location) => ({
  value: location,
  label: t(`pools.locations.${location}`),
}));

function valuesOf(client: ClientView | undefined): Values {
  return {
    name: client?.name ?? '',
    document: client?.documentMasked ?? '',
    phone: client?.phoneMasked ?? '',
    email: client?.email ?? '',
    address: addressValuesOf(client?.address),
    notes: client?.notes ?? '',
    active: client?.active ?? true,
    pools: client?.pools.map((pool) => ({
      id: pool.id,
      label: pool.label ?? '',
      type: pool.type,
      volumeLiters: pool.volumeLiters ?? '',
      location: pool.location,
      heated: pool.heated,
      notes: pool.notes ?? '',
    })) ?? [newPool()],
  };
}

/** A new row left as it came (no type chosen, nothing typed): not a pool, so it is not sent. */
function isBlankPool(pool: PoolValues): boolean {
  return (
    !pool.id &&
    pool.type === '' &&
    pool.label.trim() === '' &&
    pool.volumeLiters === '' &&
    pool.notes.trim() === ''
  );
}

/** The form rows (their indexes) that are sent to the API, in order. */
function sentPoolRows(values: Values): number[] {
  return values.pools.flatMap((pool, index) => (isBlankPool(pool) ? [] : [index]));
}

/**
 * Errors keyed by the sent pools' positions ('pools.1.volumeLiters', from the schema or the server) moved to
 * the rows they came from, blank rows left out between them. With no pool at all, the first row's type
 * says what is missing.
 */
function formErrorsOf(errors: Record<string, string>, values: Values): Record<string, string> {
  const rows = sentPoolRows(values);
  const moved: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const pool = /^pools\.(\d+)(\..+)?$/.exec(key);
    const row = pool ? rows[Number(pool[1])] : undefined;
    moved[pool && row !== undefined ? `pools.${row}${pool[2] ?? ''}` : key] = message;
  }
  if (rows.length === 0) {
    moved['pools'] = t('clients.poolRequired');
    moved['pools.0.type'] = t('clients.poolTypeRequired');
  }
  return moved;
}

/** Form values → the API's input; blank optional fields go as '' and the schema turns them into null. */
function inputOf(values: Values) {
  return {
    ...values,
    pools: values.pools
      .filter((pool) => !isBlankPool(pool))
      .map((pool) => ({
        ...pool,
        // A sent row without a type never reaches the API: the schema refuses '' when the form validates.
        type: pool.type as PoolType,
        volumeLiters: pool.volumeLiters === '' ? null : Number(pool.volumeLiters),
      })),
  };
}

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
  const validate = validateWith(client ? ZUpdateClientInput : ZCreateClientInput, (values: Values) =>
    client ? { id: client.id, ...inputOf(values) } : inputOf(values),
  );
  const form = useForm<Values>({
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

function ClientHistory({ clientId }: { clientId: string }) {
  const appointments = useAppointments({ clientId, limit: 50 });
  return (
    <SimpleGrid cols={2}>
      <SectionCard title={t('clients.history')}>
        <PageState query={appointments} empty={appointments.data?.items.length === 0}>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {appointments.data?.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {formatLocalDate(item.date)} {item.startTime}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.priceCents === null ? '—' : formatMoney(item.priceCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </PageState>
      </SectionCard>
      <ClientCharges clientId={clientId} />
    </SimpleGrid>
  );
}
