import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSignedIn } from '../session-context';
import { settingsKeys } from './keys';

// LGPD: the organization's exports and its deletion request. Online-only (the server builds the file).

export const privacyKeys = {
  exports: (orgId: string) => [orgId, 'privacy', 'exports'] as const,
};

/** How often the status is asked again while an export is queued or being built. */
export const EXPORT_POLL_MS = 2_000;

/** The organization, with its pending deletion (the same query the settings page uses). */
export function useCurrentOrganization() {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: settingsKeys.organization(orgId),
    queryFn: () => api.organizations.current.query(),
  });
}

/** Owners only (the server answers FORBIDDEN to everyone else). */
export function useExportStatus(enabled: boolean) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: privacyKeys.exports(orgId),
    queryFn: () => api.privacy.exportStatus.query(),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.exports.some((item) => item.status === 'queued' || item.status === 'running')
        ? EXPORT_POLL_MS
        : false,
  });
}

export function useRequestExport() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return useMutation({
    mutationFn: () => api.privacy.requestExport.mutate(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: privacyKeys.exports(orgId) }),
  });
}

export function useRequestDeletion() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return useMutation({
    mutationFn: (input: { organizationName: string; password: string }) =>
      api.privacy.requestDeletion.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.organization(orgId) }),
  });
}

export function useCancelDeletion() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return useMutation({
    mutationFn: () => api.privacy.cancelDeletion.mutate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.organization(orgId) }),
  });
}

export function useDeleteAccount() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { password: string }) => api.privacy.deleteAccount.mutate(input),
  });
}
