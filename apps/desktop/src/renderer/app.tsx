import { Badge, MantineProvider, PasswordInput, createTheme } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import 'dayjs/locale/pt-br';
import type { SessionManager } from './api/session';
import { BILLING_PATH, showBillingRefusal } from './components/billing-notices';
import { ConfirmProvider } from './components/confirm-dialog';
import { Layout } from './components/layout';
import { AppointmentsPage } from './pages/appointments';
import { BillingPage } from './pages/billing';
import { ClientDetailPage } from './pages/client-detail';
import { ClientsPage } from './pages/clients';
import { DashboardPage } from './pages/dashboard';
import { FinancePage } from './pages/finance';
import { NotificationsPage } from './pages/notifications';
import {
  AcceptInvitePage,
  ForgotPasswordPage,
  ResetPasswordPage,
  VerifyEmailPage,
} from './pages/account-links';
import { LegalPage } from './pages/legal';
import { DeletionBanner } from './components/deletion-banner';
import { ProfilePage } from './pages/profile';
import { ReportsPage } from './pages/reports';
import { SettingsPage } from './pages/settings';
import { RegisterPage } from './pages/register';
import { SignInPage } from './pages/sign-in';
import { t } from './i18n';
import { matchPath, usePath } from './router';
import { SessionProvider, useSession } from './session-context';
import { Center, Loader } from '@mantine/core';

const theme = createTheme({
  primaryColor: 'cyan',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  components: {
    // Mantine's only English default the app shows: the eye button's aria-label. A title names the button for
    // screen readers just as well, shows as a tooltip, and keeps the field itself the only thing labelled
    // "Senha" (an aria-label containing "senha" would make getByLabel('Senha') ambiguous in every e2e test).
    // A status badge is never cut to "EM ATRA…": it keeps its whole label, so a table column gets wide
    // enough for it instead (Mantine's default ellipsis truncates badges in narrow columns at 1366 px).
    Badge: Badge.extend({
      styles: {
        root: { flexShrink: 0, overflow: 'visible', maxWidth: 'none' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      },
    }),
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        visibilityToggleButtonProps: { 'aria-label': undefined, title: t('auth.togglePasswordVisibility') },
      },
    }),
  },
});

function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // Any refused write, from any page: a read-only organization or a plan limit gets its notice here.
    mutationCache: new MutationCache({
      onError: (error) => {
        showBillingRefusal(error, queryClient);
      },
    }),
    defaultOptions: {
      queries: { retry: 1, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: 0 },
    },
  });
  return queryClient;
}

export function App({ manager }: { manager: SessionManager }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    void manager.resume();
  }, [manager]);
  // Signing out drops every cached row, so the next person at this computer sees nothing of the last one.
  useEffect(
    () =>
      manager.subscribe(() => {
        if (manager.getState().status === 'signed-out') queryClient.clear();
      }),
    [manager, queryClient],
  );
  useEffect(
    () =>
      window.picineiros?.onEvent((event) => {
        if (event.type === 'synced') {
          for (const domain of event.domains)
            void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[1] === domain });
          void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'dashboard' });
        }
      }),
    [queryClient],
  );
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: 'pt-br', firstDayOfWeek: 0 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <SessionProvider manager={manager}>
            <ConfirmProvider>
              <Routes />
            </ConfirmProvider>
          </SessionProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

function Routes() {
  const { state } = useSession();
  const path = usePath();
  // E-mailed links are real paths (the server's SPA fallback serves this page for them), not hash routes.
  const emailed = window.location.pathname.replace(/\/$/, '');
  if (emailed === '/verificar-email') return <VerifyEmailPage />;
  if (emailed === '/redefinir-senha') return <ResetPasswordPage />;
  if (emailed === '/convite') return <AcceptInvitePage />;
  const legal = path === '/privacidade' ? 'privacy' : path === '/termos' ? 'terms' : null;
  if (legal && state.status !== 'signed-in') return <LegalPage kind={legal} signedIn={false} />;
  if (state.status === 'loading') {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (state.status === 'signed-out') {
    if (path === '/register') return <RegisterPage />;
    if (path === '/forgot-password') return <ForgotPasswordPage />;
    return <SignInPage />;
  }
  return (
    <Layout>
      <DeletionBanner />
      {legal ? <LegalPage kind={legal} signedIn /> : signedInPage(path)}
    </Layout>
  );
}

function signedInPage(path: string) {
  const client = matchPath('/clients/:id', path);
  if (client?.['id']) return <ClientDetailPage key={client['id']} id={client['id']} />;
  if (path.startsWith('/clients')) return <ClientsPage />;
  if (path.startsWith('/appointments')) return <AppointmentsPage />;
  if (path.startsWith('/finance')) return <FinancePage />;
  if (path.startsWith('/reports')) return <ReportsPage />;
  if (path.startsWith('/profile')) return <ProfilePage />;
  if (path.startsWith('/notifications')) return <NotificationsPage />;
  if (path.startsWith('/settings')) return <SettingsPage />;
  if (path.startsWith(BILLING_PATH)) return <BillingPage />;
  return <DashboardPage />;
}
