import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useApi, useSignedIn } from '../session-context';
import {
  appointmentKeys,
  clientKeys,
  dashboardKeys,
  financeKeys,
  notificationKeys,
  organizationKeys,
  type Inputs,
} from './keys';

// Query and mutation hooks beside the key factories. A write invalidates its domain and the dashboard.

function useInvalidate() {
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return (...domains: ('clients' | 'appointments' | 'finance' | 'notifications')[]) => {
    const keys: QueryKey[] = domains.map((domain) => [orgId, domain]);
    keys.push(dashboardKeys.all(orgId));
    return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

export function useOrganization() {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: organizationKeys.current(orgId),
    queryFn: () => api.organizations.current.query(),
  });
}

export function useClients(input: Inputs['clients']['list']) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: clientKeys.list(orgId, input),
    queryFn: () => api.clients.list.query(input),
    placeholderData: (previous) => previous,
  });
}

export function useClient(id: string | undefined) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: clientKeys.detail(orgId, id ?? ''),
    queryFn: () => api.clients.get.query({ id: id ?? '' }),
    enabled: Boolean(id),
  });
}

export function useSaveClient() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      input:
        | { kind: 'create'; data: Inputs['clients']['create'] }
        | { kind: 'update'; data: Inputs['clients']['update'] },
    ) =>
      input.kind === 'create' ? api.clients.create.mutate(input.data) : api.clients.update.mutate(input.data),
    onSuccess: () => invalidate('clients', 'appointments', 'finance'),
  });
}

export function useArchiveClient() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived ? api.clients.archive.mutate({ id }) : api.clients.restore.mutate({ id }),
    onSuccess: () => invalidate('clients'),
  });
}

export function useAppointments(input: Inputs['appointments']['list']) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: appointmentKeys.list(orgId, input),
    queryFn: () => api.appointments.list.query(input),
    placeholderData: (previous) => previous,
  });
}

export function useCreateAppointment() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Inputs['appointments']['create']) => api.appointments.create.mutate(input),
    onSuccess: () => invalidate('appointments', 'notifications'),
  });
}

export function useSetAppointmentStatus() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Inputs['appointments']['setStatus']) => api.appointments.setStatus.mutate(input),
    onSuccess: () => invalidate('appointments'),
  });
}

export function useFinanceEntries(input: Inputs['finance']['list']) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: financeKeys.list(orgId, input),
    queryFn: () => api.finance.list.query(input),
    placeholderData: (previous) => previous,
  });
}

export function useCreateFinanceEntry() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      input:
        | { kind: 'manual'; data: Inputs['finance']['create'] }
        | { kind: 'appointment'; data: Inputs['finance']['createFromAppointment'] },
    ) =>
      input.kind === 'manual'
        ? api.finance.create.mutate(input.data)
        : api.finance.createFromAppointment.mutate(input.data),
    onSuccess: () => invalidate('finance'),
  });
}

export function useMarkPaid() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Inputs['finance']['markPaid']) => api.finance.markPaid.mutate(input),
    onSuccess: () => invalidate('finance'),
  });
}

export function useMarkPending() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.finance.markPending.mutate({ id }),
    onSuccess: () => invalidate('finance'),
  });
}

export function useDashboard() {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: dashboardKeys.summary(orgId),
    queryFn: () => api.dashboard.summary.query({}),
  });
}

export function useNotifications(input: Inputs['notifications']['list']) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: notificationKeys.list(orgId, input),
    queryFn: () => api.notifications.list.query(input),
  });
}

/** The unread badge: polled, since a colleague's new appointment creates a notification here. */
export function useUnreadCount() {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: notificationKeys.unread(orgId),
    queryFn: () => api.notifications.unreadCount.query(),
    refetchInterval: 30_000,
  });
}

export function useMarkNotificationRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return useMutation({
    mutationFn: (id: string) => api.notifications.markRead.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(orgId) }),
  });
}

export function useMarkAllNotificationsRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return useMutation({
    mutationFn: () => api.notifications.markAllRead.mutate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(orgId) }),
  });
}
