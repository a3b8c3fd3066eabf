import { Alert, Anchor, Button, Loader, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ZRequestPasswordResetInput, ZResetPasswordInput, ZAcceptInviteInput } from '@picineiros/api/client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { showMutationError, validateWith } from '../components/forms';
import { messageOf } from '../components/page-state';
import { t } from '../i18n';
import { href } from '../router';
import { useApi } from '../session-context';
import { AuthLayout } from '../components/auth-layout';

function tokenFromUrl(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

/** Leaves the e-mailed path for the app's own sign-in page. */
function signInHref(): string {
  return `/${href('/')}`;
}

export function ForgotPasswordPage() {
  const api = useApi();
  const [sent, setSent] = useState(false);
  const request = useMutation({
    mutationFn: (email: string) => api.auth.requestPasswordReset.mutate({ email }),
  });
  const form = useForm({
    initialValues: { email: '' },
    validate: validateWith(ZRequestPasswordResetInput, (values: { email: string }) => values),
  });
  return (
    <AuthLayout>
      <Title order={2}>{t('auth.forgotTitle')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('auth.forgotSubtitle')}
      </Text>
      {sent ? (
        <Alert color="teal" role="status">
          {t('auth.linkSent')}
        </Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((values) =>
            request.mutate(values.email, {
              onSuccess: () => setSent(true),
              onError: (error) => showMutationError(error, form.setErrors),
            }),
          )}
        >
          <Stack>
            <TextInput label={t('auth.email')} type="email" autoFocus {...form.getInputProps('email')} />
            <Button type="submit" loading={request.isPending}>
              {t('auth.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center" mt="md">
        <Anchor href={href('/')}>{t('auth.backToSignIn')}</Anchor>
      </Text>
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const api = useApi();
  const token = tokenFromUrl();
  const reset = useMutation({
    mutationFn: (password: string) => api.auth.resetPassword.mutate({ token, password }),
  });
  const form = useForm({
    initialValues: { password: '' },
    validate: validateWith(ZResetPasswordInput, (values: { password: string }) => ({ token, ...values })),
  });
  return (
    <AuthLayout>
      <Title order={2} mb="md">
        {t('auth.resetTitle')}
      </Title>
      {!token ? (
        <Alert color="red">{t('auth.missingToken')}</Alert>
      ) : reset.isSuccess ? (
        <Alert color="teal" role="status">
          {t('auth.resetDone')}
        </Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((values) =>
            reset.mutate(values.password, { onError: (error) => showMutationError(error, form.setErrors) }),
          )}
        >
          <Stack>
            <PasswordInput
              label={t('auth.newPassword')}
              description={t('auth.passwordHint')}
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={reset.isPending}>
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center" mt="md">
        <Anchor href={signInHref()}>{t('auth.backToSignIn')}</Anchor>
      </Text>
    </AuthLayout>
  );
}

export function VerifyEmailPage() {
  const api = useApi();
  const token = tokenFromUrl();
  const verify = useMutation({ mutationFn: () => api.auth.verifyEmail.mutate({ token }) });
  const { mutate } = verify;
  useEffect(() => {
    if (token) mutate();
  }, [token, mutate]);
  return (
    <AuthLayout>
      <Title order={2} mb="md">
        {t('auth.verifyTitle')}
      </Title>
      {!token ? (
        <Alert color="red">{t('auth.missingToken')}</Alert>
      ) : verify.isError ? (
        <Alert color="red">{messageOf(verify.error)}</Alert>
      ) : verify.isSuccess ? (
        <Alert color="teal" role="status">
          {t('auth.verified')}
        </Alert>
      ) : (
        <Stack align="center">
          <Loader size="sm" />
          <Text size="sm">{t('auth.verifying')}</Text>
        </Stack>
      )}
      <Text size="sm" ta="center" mt="md">
        <Anchor href={signInHref()}>{t('auth.backToSignIn')}</Anchor>
      </Text>
    </AuthLayout>
  );
}

type InviteValues = { name: string; password: string };

export function AcceptInvitePage() {
  const api = useApi();
  const token = tokenFromUrl();
  const toInput = (values: InviteValues) => ({
    token,
    ...(values.name.trim() ? { name: values.name } : {}),
    ...(values.password ? { password: values.password } : {}),
  });
  const accept = useMutation({
    mutationFn: (values: InviteValues) => api.members.acceptInvite.mutate(toInput(values)),
  });
  const form = useForm<InviteValues>({
    initialValues: { name: '', password: '' },
    validate: validateWith(ZAcceptInviteInput, toInput),
  });
  return (
    <AuthLayout>
      <Title order={2}>{t('settings.acceptTitle')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('settings.acceptHint')}
      </Text>
      {!token ? (
        <Alert color="red">{t('auth.missingToken')}</Alert>
      ) : accept.isSuccess ? (
        <Alert color="teal" role="status">
          {t('settings.accepted')}
        </Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((values) =>
            accept.mutate(values, { onError: (error) => showMutationError(error, form.setErrors) }),
          )}
        >
          <Stack>
            <TextInput label={t('auth.name')} autoComplete="name" {...form.getInputProps('name')} />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordHint')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={accept.isPending}>
              {t('settings.accept')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center" mt="md">
        <Anchor href={signInHref()}>{t('auth.backToSignIn')}</Anchor>
      </Text>
    </AuthLayout>
  );
}
