import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZRequestOrganizationDeletionInput, type DataExportStatus } from '@picineiros/api/client';
import { useState } from 'react';
import { showMutationError, showSuccess, validateWith } from './forms';
import { formatDate, formatDateTime, t } from '../i18n';
import {
  useCancelDeletion,
  useCurrentOrganization,
  useExportStatus,
  useRequestDeletion,
  useRequestExport,
} from '../queries/privacy';
import { LegalLinks } from './legal-links';
import { useSession, useSignedIn } from '../session-context';

const STATUS_COLORS: Record<DataExportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  ready: 'teal',
  downloaded: 'cyan',
  failed: 'red',
  expired: 'gray',
};

/** Settings › Privacidade e dados: the organization's export and deletion (owners act, others read why not). */
export function PrivacyCard() {
  const { memberships, orgId } = useSignedIn();
  const owner = memberships.find((membership) => membership.organizationId === orgId)?.role === 'owner';
  return (
    <Card withBorder data-testid="privacy-card">
      <Title order={4}>{t('privacy.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('privacy.intro')}
      </Text>
      {owner ? (
        <Stack>
          <ExportSection />
          <Divider />
          <DeleteOrganizationSection />
        </Stack>
      ) : (
        <Text size="sm">{t('privacy.ownersOnly')}</Text>
      )}
      <LegalLinks mt="md" />
    </Card>
  );
}

function ExportSection() {
  const { manager } = useSession();
  const status = useExportStatus(true);
  const request = useRequestExport();
  const [downloading, setDownloading] = useState(false);
  const latest = status.data?.exports[0];
  const inFlight = latest?.status === 'queued' || latest?.status === 'running';

  const download = async (path: string) => {
    setDownloading(true);
    try {
      const response = await manager.fetchWithSession(path);
      if (!response) return;
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? t('common.errorTitle'));
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = name ?? 'picineiros-dados.zip';
      anchor.click();
      URL.revokeObjectURL(url);
      showSuccess(t('privacy.exportDownloaded'));
    } catch (error) {
      showMutationError(error);
    } finally {
      setDownloading(false);
      void status.refetch();
    }
  };

  return (
    <Stack gap="xs">
      <Text fw={600}>{t('privacy.exportTitle')}</Text>
      <Text size="sm" c="dimmed">
        {t('privacy.exportHint')}
      </Text>
      {latest ? (
        <Card withBorder padding="sm" bg="gray.0" data-testid="export-status">
          <Group justify="space-between">
            <Text size="sm">
              {t('privacy.exportRequestedAt', { date: formatDateTime(latest.requestedAt) })}
            </Text>
            <Badge color={STATUS_COLORS[latest.status]}>{t(`privacy.exportStatus.${latest.status}`)}</Badge>
          </Group>
          {inFlight ? (
            <Progress
              value={Math.max(latest.progress, 3)}
              animated
              mt="xs"
              aria-label={`${latest.progress}%`}
            />
          ) : null}
          {latest.status === 'ready' && latest.downloadPath ? (
            <Stack gap={4} mt="xs">
              {latest.expiresAt ? (
                <Text size="xs" c="dimmed">
                  {t('privacy.exportExpiresAt', { date: formatDateTime(latest.expiresAt) })}
                  {latest.fileSize !== null
                    ? ` · ${t('privacy.exportSize', { size: (latest.fileSize / 1_048_576).toFixed(1).replace('.', ',') })}`
                    : ''}
                </Text>
              ) : null}
              {manager.desktop ? (
                <Text size="sm">{t('privacy.exportDesktopHint')}</Text>
              ) : (
                <Group>
                  <Button loading={downloading} onClick={() => void download(latest.downloadPath ?? '')}>
                    {t('privacy.exportDownload')}
                  </Button>
                </Group>
              )}
            </Stack>
          ) : null}
        </Card>
      ) : null}
      <Group>
        <Button
          variant="light"
          loading={request.isPending}
          disabled={inFlight}
          onClick={() =>
            request.mutate(undefined, {
              onSuccess: () => showSuccess(t('privacy.exportRequested')),
              onError: (error) => showMutationError(error),
            })
          }
        >
          {t('privacy.exportRequest')}
        </Button>
      </Group>
    </Stack>
  );
}

function DeleteOrganizationSection() {
  const organization = useCurrentOrganization();
  const cancel = useCancelDeletion();
  const [open, setOpen] = useState(false);
  const deletion = organization.data?.deletion;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('privacy.deleteOrgTitle')}</Text>
      <Text size="sm" c="dimmed">
        {t('privacy.deleteOrgHint')}
      </Text>
      {deletion ? (
        <Alert color="red" title={t('privacy.deletionBannerTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('privacy.deletionBanner', { date: formatDate(deletion.purgeAfter) })}</Text>
            <Button
              variant="white"
              color="red"
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: () => showSuccess(t('privacy.deletionCancelled')),
                  onError: (error) => showMutationError(error),
                })
              }
            >
              {t('privacy.cancelDeletion')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Group>
          <Button color="red" variant="outline" onClick={() => setOpen(true)}>
            {t('privacy.deleteOrgButton')}
          </Button>
        </Group>
      )}
      {organization.data ? (
        <DeleteOrganizationModal
          opened={open}
          onClose={() => setOpen(false)}
          organizationName={organization.data.name}
        />
      ) : null}
    </Stack>
  );
}

function DeleteOrganizationModal(props: { opened: boolean; onClose: () => void; organizationName: string }) {
  const request = useRequestDeletion();
  const form = useForm({
    initialValues: { organizationName: '', password: '' },
    validate: validateWith(
      ZRequestOrganizationDeletionInput,
      (values: { organizationName: string; password: string }) => values,
    ),
  });
  const matches =
    form.values.organizationName.trim().toLocaleLowerCase('pt-BR') ===
    props.organizationName.trim().toLocaleLowerCase('pt-BR');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={<Text fw={700}>{t('privacy.deleteOrgModalTitle', { name: props.organizationName })}</Text>}
    >
      <form
        onSubmit={form.onSubmit((values) =>
          request.mutate(values, {
            onSuccess: (result) => {
              form.reset();
              props.onClose();
              if (result.deletion) {
                showSuccess(
                  t('privacy.deleteOrgScheduled', { date: formatDate(result.deletion.purgeAfter) }),
                );
              }
            },
            onError: (error) => showMutationError(error, form.setErrors),
          }),
        )}
      >
        <Stack>
          <Text size="sm">{t('privacy.deleteOrgHint')}</Text>
          <TextInput
            label={t('privacy.deleteOrgConfirmLabel')}
            description={props.organizationName}
            autoComplete="off"
            {...form.getInputProps('organizationName')}
          />
          <PasswordInput
            label={t('privacy.deleteOrgPassword')}
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={request.isPending}>
              {t('privacy.deleteOrgConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Meu perfil › Excluir minha conta. */
