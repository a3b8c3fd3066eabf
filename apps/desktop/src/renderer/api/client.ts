import type { AppRouter } from '@picineiros/api';
import { createTRPCClient, httpLink, splitLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import type { PicineirosBridge } from '../../ipc/contract';

// One AppRouter-typed client for both backends: HTTP to the server (web build) or IPC to the desktop core.
// Pages never know which one they talk to.

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export type HttpCredentials = {
  accessToken: () => string | undefined;
  orgId: () => string | undefined;
  /** Asked to renew the access token once when a call answers UNAUTHORIZED; resolves true if it did. */
  renew: () => Promise<boolean>;
};

const CSRF_COOKIE = 'picineiros_csrf';

/** The CSRF token the server put in a page-readable cookie; echoed in `x-csrf-token` (double submit). */
export function readCsrfCookie(): string | undefined {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** Retries a call once after renewing the access token, so a 15-minute token never shows as an error. */
function renewOnUnauthorizedLink(renew: () => Promise<boolean>): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            if (error.data?.code !== 'UNAUTHORIZED' || op.path.startsWith('auth.')) {
              observer.error(error);
              return;
            }
            renew().then(
              (renewed) => {
                if (!renewed) {
                  observer.error(error);
                  return;
                }
                subscription = next(op).subscribe(observer);
              },
              () => observer.error(error),
            );
          },
        });
        return () => subscription.unsubscribe();
      });
}

export function createHttpClient(baseUrl: string, credentials: HttpCredentials): ApiClient {
  const headers = () => {
    const result: Record<string, string> = {};
    const token = credentials.accessToken();
    if (token) result['authorization'] = `Bearer ${token}`;
    const orgId = credentials.orgId();
    if (orgId) result['x-org-id'] = orgId;
    const csrf = readCsrfCookie();
    if (csrf) result['x-csrf-token'] = csrf;
    return result;
  };
  const link = (path: string) =>
    httpLink({ url: `${baseUrl}${path}`, transformer: superjson, headers, fetch: sameOriginFetch });
  return createTRPCClient<AppRouter>({
    links: [
      renewOnUnauthorizedLink(credentials.renew),
      // auth.* goes to /auth, the only path the HttpOnly refresh cookie is sent to.
      splitLink({
        condition: (op) => op.path.startsWith('auth.'),
        true: link('/auth'),
        false: link('/trpc'),
      }),
    ],
  });
}

const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'same-origin' });

/** A terminating link that hands each operation to the preload bridge and the desktop core behind it. */
export function ipcLink(bridge: PicineirosBridge, orgId: () => string | undefined): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        let cancelled = false;
        bridge
          .call({
            path: op.path,
            type: op.type === 'mutation' ? 'mutation' : 'query',
            input: op.input,
            orgId: orgId(),
          })
          .then(
            (result) => {
              if (cancelled) return;
              if (result.ok) {
                observer.next({ result: { type: 'data', data: result.data as never } });
                observer.complete();
              } else {
                observer.error(TRPCClientError.from({ error: result.error } as never));
              }
            },
            (error: unknown) => {
              if (!cancelled) observer.error(TRPCClientError.from(error as Error));
            },
          );
        return () => {
          cancelled = true;
        };
      });
}

export function createIpcClient(bridge: PicineirosBridge, orgId: () => string | undefined): ApiClient {
  return createTRPCClient<AppRouter>({ links: [ipcLink(bridge, orgId)] });
}

/** The field errors of a failed call, keyed like the form fields ('address.city'). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as
      { fieldErrors?: Record<string, string> } | undefined;
    return data?.fieldErrors ?? {};
  }
  return {};
}

export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? ((error as TRPCClientError<AppRouter>).data as { code?: string } | undefined)?.code
    : undefined;
}
