import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZLoginInput } from '@picineiros/api/client';
import { useState } from 'react';
import { useSession } from '../session-context';
import { showMutationError, validateWith } from '../components/forms';
import { t } from '../i18n';
import { href } from '../router';
import { AuthLayout } from '../components/auth-layout';
import { readIdleMinutes } from '../components/use-idle-sign-out';

export function SignInPage() {
  const { manager, state } = useSession();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: validateWith(ZLoginInput, (values: { email: string; password: string }) => values),
  });
  const reason = state.status === 'signed-out' ? state.reason : undefined;

  return (
    <AuthLayout>
      <Title order={2}>{t('auth.signInTitle')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('auth.signInSubtitle')}
      </Text>
      {reason ? (
        <Alert color="yellow" mb="md" role="status">
          {reason === 'idle'
            ? t('auth.idleSignedOut', { minutes: idleMinutesLabel() })
            : t('auth.sessionExpired')}
        </Alert>
      ) : null}
      <form
        onSubmit={form.onSubmit((values) => {
          setBusy(true);
          manager
            .signIn(values.email, values.password)
            .catch((error: unknown) => showMutationError(error, form.setErrors))
            .finally(() => setBusy(false));
        })}
      >
        <Stack>
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('auth.signIn')}
          </Button>
          <Anchor href={href('/forgot-password')} size="sm" ta="center">
            {t('auth.forgotPassword')}
          </Anchor>
          <Text size="sm" ta="center">
            {t('auth.noAccount')} <Anchor href={href('/register')}>{t('auth.register')}</Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

function idleMinutesLabel(): string {
  return String(Math.round(readIdleMinutes() * 10) / 10).replace('.', ',');
}
