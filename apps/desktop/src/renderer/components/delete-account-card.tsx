import { Alert, Button, Card, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZDeleteAccountInput } from '@picineiros/api/client';
import { useState } from 'react';
import { fieldErrorsOf } from '../api/client';
import { t } from '../i18n';
import { useDeleteAccount } from '../queries/privacy';
import { useSession } from '../session-context';
import { showMutationError, showSuccess, validateWith } from './forms';
import { LegalLinks } from './legal-links';
import { messageOf } from './page-state';

/** Meu perfil › Excluir minha conta: asks for the password; the last owner's refusal shows in the dialog. */
export function DeleteAccountCard() {
  const { manager } = useSession();
  const remove = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '' },
    validate: validateWith(ZDeleteAccountInput, (values: { password: string }) => values),
  });
  return (
    <Card withBorder data-testid="delete-account-card">
      <Text fw={600}>{t('privacy.deleteAccountTitle')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('privacy.deleteAccountHint')}
      </Text>
      <Group>
        <Button color="red" variant="outline" onClick={() => setOpen(true)}>
          {t('privacy.deleteAccountButton')}
        </Button>
      </Group>
      <LegalLinks mt="md" />
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
          setRefusal(null);
        }}
        title={<Text fw={700}>{t('privacy.deleteAccountModalTitle')}</Text>}
      >
        <form
          onSubmit={form.onSubmit((values) =>
            remove.mutate(values, {
              onSuccess: () => {
                showSuccess(t('privacy.accountDeleted'));
                void manager.signOut();
              },
              onError: (error) => {
                // The last-owner rule is no field's fault: shown in the dialog, where the user is looking.
                if (Object.keys(fieldErrorsOf(error)).length === 0) setRefusal(messageOf(error));
                showMutationError(error, form.setErrors);
              },
            }),
          )}
        >
          <Stack>
            <Text size="sm">{t('privacy.deleteAccountHint')}</Text>
            {refusal ? (
              <Alert color="red" data-testid="delete-account-refusal">
                {refusal}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('privacy.deleteOrgPassword')}
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={remove.isPending}>
                {t('privacy.deleteAccountConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
