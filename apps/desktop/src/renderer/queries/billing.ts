import type { TBillingErrorData, TInvoiceView } from '@picineiros/api/client';
import type { AppRouter } from '@picineiros/api';
import { TRPCClientError } from '@trpc/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi, useSignedIn } from '../session-context';
import type { Inputs } from './keys';

// Billing's query keys and hooks. Billing is online-only (the desktop core forwards it to the server, it is
// not in the replica), and its state changes by webhook, on the server's own time: the screen refetches on
// focus and polls while an invoice waits for payment.

export const billingKeys = {
  /** Plans are the same for every organization. */
  plans: () => ['billing', 'plans'] as const,
  all: (orgId: string) => [orgId, 'billing'] as const,
  current: (orgId: string) => [...billingKeys.all(orgId), 'current'] as const,
  invoices: (orgId: string) => [...billingKeys.all(orgId), 'invoices'] as const,
};

/** How often the screen asks again while an invoice is waiting for its payment (the webhook's news). */
export const PENDING_POLL_MS = 5_000;

export function isPayable(invoice: TInvoiceView): boolean {
  return invoice.status === 'pending' || invoice.status === 'overdue';
}

export function usePlans() {
  const api = useApi();
  return useQuery({
    queryKey: billingKeys.plans(),
    queryFn: () => api.billing.plans.query(),
    staleTime: 10 * 60_000,
  });
}

/** The organization's plan, status, usage and banner; `poll` while something waits for a webhook. */
export function useBillingCurrent(options: { poll?: boolean } = {}) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: billingKeys.current(orgId),
    queryFn: () => api.billing.current.query(),
    refetchOnWindowFocus: 'always',
    refetchInterval: options.poll ? PENDING_POLL_MS : false,
    // The banner is a hint: offline (desktop) or on a blip it simply stays as it was.
    retry: false,
  });
}

/** Owners and admins only (the server answers FORBIDDEN to staff). */
export function useInvoices(enabled: boolean) {
  const api = useApi();
  const { orgId } = useSignedIn();
  return useQuery({
    queryKey: billingKeys.invoices(orgId),
    queryFn: () => api.billing.invoices.query(),
    enabled,
    refetchOnWindowFocus: 'always',
    refetchInterval: (query) => (query.state.data?.some(isPayable) ? PENDING_POLL_MS : false),
  });
}

/**
 * When an invoice changes (paid, overdue, a new one), the status changed with it: asks billing.current
 * again at once. Without this, the poll that stops with the last payable invoice could stop one answer
 * short of the new status.
 */
export function useCurrentFollowsInvoices(invoices: TInvoiceView[] | undefined): void {
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  const signature = invoices?.map((invoice) => `${invoice.id}:${invoice.status}`).join(',');
  const previous = useRef(signature);
  useEffect(() => {
    if (previous.current !== undefined && signature !== previous.current) {
      void queryClient.invalidateQueries({ queryKey: billingKeys.current(orgId) });
    }
    previous.current = signature;
  }, [signature, orgId, queryClient]);
}

function useInvalidateBilling() {
  const queryClient = useQueryClient();
  const { orgId } = useSignedIn();
  return () => queryClient.invalidateQueries({ queryKey: billingKeys.all(orgId) });
}

export function useSubscribe() {
  const api = useApi();
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (input: Inputs['billing']['subscribe']) => api.billing.subscribe.mutate(input),
    onSuccess: () => invalidate(),
  });
}

export function useChangePlan() {
  const api = useApi();
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: (input: Inputs['billing']['changePlan']) => api.billing.changePlan.mutate(input),
    onSuccess: () => invalidate(),
  });
}

export function useCancelSubscription() {
  const api = useApi();
  const invalidate = useInvalidateBilling();
  return useMutation({
    mutationFn: () => api.billing.cancel.mutate(),
    onSuccess: () => invalidate(),
  });
}

/** Why billing refused a call (`error.data.billing`), or null for any other error. */
export function billingRefusalOf(error: unknown): TBillingErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data as { billing?: TBillingErrorData } | undefined;
  return data?.billing ?? null;
}

/** Refusals the app-wide handler announces (read-only organization, plan limit); pages do not repeat them. */
export function isGlobalBillingRefusal(error: unknown): boolean {
  const reason = billingRefusalOf(error)?.reason;
  return reason === 'read_only' || reason === 'limit_reached';
}
