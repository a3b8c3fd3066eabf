import { Button, Card, FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { LOGO_MAX_BYTES, sniffLogoType } from '@picineiros/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrorsOf } from '../api/client';
import { t } from '../i18n';
import { logoKeys } from '../queries/reports';
import { useApi, useSignedIn } from '../session-context';
import { messageOf } from './page-state';

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/** The organization's logo on report headers: preview, upload (owners and admins), remove. */
export function LogoSettingsCard({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const { orgId } = useSignedIn();
  const queryClient = useQueryClient();
  const logo = useQuery({ queryKey: logoKeys.logo(orgId), queryFn: () => api.organizations.logo.query() });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: logoKeys.logo(orgId) });
  const upload = useMutation({
    mutationFn: (base64: string) => api.organizations.setLogo.mutate({ logo: base64 }),
    onSuccess: async () => {
      setFile(null);
      notifications.show({ color: 'teal', message: t('logo.uploaded') });
      await refresh();
    },
    onError: (failure) => {
      const field = fieldErrorsOf(failure)['logo'];
      if (field) setError(field);
      else notifications.show({ color: 'red', message: messageOf(failure) });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.organizations.removeLogo.mutate(),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('logo.removed') });
      await refresh();
    },
    onError: (failure) => notifications.show({ color: 'red', message: messageOf(failure) }),
  });

  // The same checks as the server (size, type read from the bytes), so most mistakes never leave the form.
  const send = async () => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length > LOGO_MAX_BYTES) {
      setError(t('logo.tooLarge'));
      return;
    }
    if (!sniffLogoType(bytes)) {
      setError(t('logo.wrongType'));
      return;
    }
    upload.mutate(base64Of(bytes));
  };

  const current = logo.data;
  return (
    <Card withBorder data-testid="logo-settings">
      <Text fw={600}>{t('logo.title')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('logo.hint')}
      </Text>
      <Group align="flex-start" wrap="nowrap">
        <Card withBorder w={200} h={90} p={6} bg="gray.0">
          {current ? (
            <Image
              src={`data:${current.contentType};base64,${current.base64}`}
              alt={t('logo.preview')}
              fit="contain"
              h="100%"
              data-testid="logo-preview"
            />
          ) : (
            <Text size="xs" c="dimmed">
              {t('logo.none')}
            </Text>
          )}
        </Card>
        {canEdit ? (
          <Stack gap="xs" style={{ flex: 1 }}>
            <FileInput
              label={t('logo.choose')}
              placeholder={t('logo.placeholder')}
              accept="image/png,image/jpeg"
              value={file}
              onChange={(next) => {
                setFile(next);
                setError(null);
              }}
              error={error}
              clearable
              data-testid="logo-file"
            />
            <Group gap="xs">
              <Button size="xs" disabled={!file} loading={upload.isPending} onClick={() => void send()}>
                {t('logo.upload')}
              </Button>
              {current ? (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {t('logo.remove')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        ) : null}
      </Group>
    </Card>
  );
}
