import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { REGISTRATION_CODE_LENGTH, ZConfirmRegistrationInput, ZRegisterInput } from '@picineiros/api/client';
import { useState } from 'react';
import { showMutationError, showSuccess, validateWith } from '../components/forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { useSession } from '../session-context';
import { AuthLayout } from '../components/auth-layout';

type Values = { name: string; email: string; password: string; organizationName: string };

/**
 * Sign-up in two steps: the data, then the 6-digit code mailed to the address (typed here, since the
 * desktop app has no deep links). The server answers the first step alike for a new address and for one
 * that already has an account, so the second step is always shown.
 */
export function RegisterPage() {
  const { manager } = useSession();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', email: '', password: '', organizationName: '' },
    validate: validateWith(ZRegisterInput, (values: Values) => values),
  });
  if (sentTo) {
    return (
      <AuthLayout>
        <ConfirmEmailStep
          email={sentTo}
          resend={() => manager.register(form.getValues())}
          onBack={() => setSentTo(null)}
        />
      </AuthLayout>
    );
  }
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
            .then((sent) => setSentTo(sent.email))
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

const ZCodeValues = ZConfirmRegistrationInput.pick({ code: true });

function ConfirmEmailStep(props: { email: string; resend: () => Promise<unknown>; onBack: () => void }) {
  const { manager } = useSession();
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: validateWith(ZCodeValues, (values: { code: string }) => values),
  });
  return (
    <>
      <Title order={2}>{t('auth.confirmEmailTitle')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('auth.codeSent', { email: props.email })}
      </Text>
      <form
        onSubmit={form.onSubmit(({ code }) => {
          setBusy(true);
          manager
            .confirmRegistration(props.email, code)
            .then(() => navigate('/'))
            .catch((error: unknown) => showMutationError(error, form.setErrors))
            .finally(() => setBusy(false));
        })}
      >
        <Stack>
          <TextInput
            label={t('auth.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={REGISTRATION_CODE_LENGTH}
            autoFocus
            styles={{ input: { fontSize: 24, letterSpacing: '0.4em', textAlign: 'center' } }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('auth.confirmCode')}
          </Button>
          <Group justify="space-between">
            <Button variant="subtle" onClick={props.onBack}>
              {t('common.back')}
            </Button>
            <Button
              variant="subtle"
              loading={resending}
              onClick={() => {
                setResending(true);
                props
                  .resend()
                  .then(() => {
                    form.reset();
                    showSuccess(t('auth.codeResent', { email: props.email }));
                  })
                  .catch((error: unknown) => showMutationError(error))
                  .finally(() => setResending(false));
              }}
            >
              {t('auth.resendCode')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
