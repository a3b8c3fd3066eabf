import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useApi, useSignedIn } from '../session-context';
import {
  appointmentKeys,
  clientKeys,
  dashboardKeys,
  financeKeys,
  notificationKeys,
  settingsKeys,
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

export function useAppointment(id: string | undefined) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: appointmentKeys.detail(orgId, id ?? ''),
    queryFn: () => api.appointments.get.query({ id: id ?? '' }),
    enabled: Boolean(id),
  });
}

/** The visits that collide with a slot (same client or assignee); `null` while the slot is incomplete. */
export function useAppointmentOverlaps(slot: Inputs['appointments']['overlaps'] | null) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: appointmentKeys.overlaps(orgId, slot ?? { clientId: '', date: '', startTime: '' }),
    queryFn: () => api.appointments.overlaps.query(slot ?? { clientId: '', date: '', startTime: '' }),
    enabled: slot !== null,
    placeholderData: (previous) => previous,
  });
}

/** The same question asked at the moment of saving (fresh, not from the cache). */
export function useFetchAppointmentOverlaps() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return (slot: Inputs['appointments']['overlaps']) =>
    queryClient.query({
      queryKey: appointmentKeys.overlaps(orgId, slot),
      queryFn: () => api.appointments.overlaps.query(slot),
      staleTime: 0,
    });
}

export function useUpdateAppointment() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Inputs['appointments']['update']) => api.appointments.update.mutate(input),
    // Also on a refusal: a stale version means the list shows an old state.
    onSettled: () => invalidate('appointments'),
  });
}

/** The organization's members, for the "Responsável" of a visit (open to every member). */
export function useMembers() {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: settingsKeys.members(orgId),
    queryFn: () => api.members.list.query(),
    staleTime: 60_000,
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

/** One entry (e.g. the one a notification links to); waits while `id` is undefined. */
export function useFinanceEntry(id: string | undefined) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: financeKeys.detail(orgId, id ?? ''),
    queryFn: () => api.finance.get.query({ id: id ?? '' }),
    enabled: Boolean(id),
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
    // A billed visit leaves the billable visits (appointments.list { billable }).
    onSuccess: () => invalidate('finance', 'appointments'),
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

export function useUpdateFinanceEntry() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Inputs['finance']['update']) => api.finance.update.mutate(input),
    onSuccess: () => invalidate('finance'),
  });
}

/** Archive or restore an entry (owners and admins). */
export function useArchiveFinanceEntry() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived ? api.finance.archive.mutate({ id }) : api.finance.restore.mutate({ id }),
    onSuccess: () => invalidate('finance'),
  });
}

/** The summary for a range (`{}`: the current month); `null` waits (a range still being typed). */
export function useDashboard(range: Inputs['dashboard']['summary'] | null = {}) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: dashboardKeys.summary(orgId, range ?? {}),
    queryFn: () => api.dashboard.summary.query(range ?? {}),
    enabled: range !== null,
    // Switching periods keeps the previous figures on screen until the new ones arrive.
    placeholderData: (previous) => previous,
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
