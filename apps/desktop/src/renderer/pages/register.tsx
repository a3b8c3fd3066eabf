import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZRegisterInput } from '@picineiros/api/client';
import { useState } from 'react';
import { showMutationError, validateWith } from '../components/forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { useSession } from '../session-context';
import { AuthLayout } from '../components/auth-layout';

type Values = { name: string; email: string; password: string; organizationName: string };

export function RegisterPage() {
  const { manager } = useSession();
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: { name: '', email: '', password: '', organizationName: '' },
    validate: validateWith(ZRegisterInput, (values: Values) => values),
  });
  return (
    <AuthLayout>
      <Title order={2}>{t('auth.registerTitle')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('auth.registerSubtitle')}
      </Text>
      <form
        onSubmit={form.onSubmit((values) => {
          setBusy(true);
          manager
            .register(values)
            .then(() => navigate('/'))
            .catch((error: unknown) => showMutationError(error, form.setErrors))
            .finally(() => setBusy(false));
        })}
      >
        <Stack>
          <TextInput label={t('auth.name')} autoComplete="name" autoFocus {...form.getInputProps('name')} />
          <TextInput
            label={t('auth.organizationName')}
            autoComplete="organization"
            {...form.getInputProps('organizationName')}
          />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('auth.register')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.haveAccount')} <Anchor href={href('/')}>{t('auth.signIn')}</Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
