import type { AppRouter } from '@picineiros/api';
import type { TRPCClientError } from '@trpc/client';
import { createTRPCUntypedClient, httpLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import { isNetworkFailure, OfflineError } from './errors';
import { coreMessages } from './messages';
import type { TokenStore } from './token-store';

type Outputs = inferRouterOutputs<AppRouter>;

export type ServerLinkOptions = {
  /** The server's origin, e.g. https://app.picineiros.com.br */
  serverUrl: string;
  tokenStore: TokenStore;
  userAgent?: string | undefined;
  /** The organization the calls act in (the `x-org-id` header). */
  orgId: () => string | undefined;
  /** Reachability changed: the first answer after a failure, or the first failure after an answer. */
  onOnlineChange: (online: boolean) => void;
  /** The server refused the stored refresh token: the session is over. */
  onSessionLost: () => Promise<void>;
};

/**
 * The core's line to the server: one tRPC client carrying the session's access token and the selected
 * organization, the refresh token's renewal, and whether the server answers at all.
 */
export class ServerLink {
  private readonly client;
  private readonly origin: string;
  private accessToken: string | undefined;
  private online = true;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly options: ServerLinkOptions) {
    this.origin = options.serverUrl.replace(/\/$/, '');
    this.client = createTRPCUntypedClient<AppRouter>({
      links: [
        httpLink({ url: `${this.origin}/trpc`, transformer: superjson, headers: () => this.headers() }),
      ],
    });
  }

  private headers(): Record<string, string> {
    const orgId = this.options.orgId();
    return {
      ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
      ...(orgId ? { 'x-org-id': orgId } : {}),
      ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}),
    };
  }

  isOnline(): boolean {
    return this.online;
  }

  hasAccessToken(): boolean {
    return this.accessToken !== undefined;
  }

  /** The renderer's session check (`auth.refresh`) gets the access token, never the refresh token. */
  accessTokenForRenderer(): string | undefined {
    return this.accessToken;
  }

  setAccessToken(token: string | undefined): void {
    this.accessToken = token;
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.options.onOnlineChange(online);
  }

  /** One call to the server; renews the access token once on UNAUTHORIZED; marks the core on/offline. */
  async call<T>(type: 'query' | 'mutation', path: string, input: unknown, retry = true): Promise<T> {
    try {
      const result = (await (type === 'query'
        ? this.client.query(path, input)
        : this.client.mutation(path, input))) as T;
      this.setOnline(true);
      return result;
    } catch (error) {
      if (isNetworkFailure(error)) {
        this.setOnline(false);
        throw new OfflineError(coreMessages.offlineRead);
      }
      this.setOnline(true);
      const code = (error as TRPCClientError<AppRouter>).data?.code;
      if (code === 'UNAUTHORIZED' && retry && !path.startsWith('auth.') && (await this.refresh())) {
        return this.call<T>(type, path, input, false);
      }
      throw error;
    }
  }

  /**
   * Renews the access token with the stored refresh token; one at a time, since two refreshes with the
   * same token look like token theft to the server, which then ends the session.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const refreshToken = await this.options.tokenStore.load();
      if (!refreshToken) return false;
      try {
        const result = await this.call<Outputs['auth']['refresh']>('mutation', 'auth.refresh', {
          refreshToken,
        });
        this.accessToken = result.accessToken;
        if (result.refreshToken) await this.options.tokenStore.save(result.refreshToken);
        return true;
      } catch (error) {
        // Offline: keep the token and the replica; reads keep working and the next pull retries.
        if (error instanceof OfflineError) return false;
        await this.options.onSessionLost();
        return false;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** A GET of a server file route with the session (renewed once on 401); null when unreachable. */
  async download(path: string): Promise<Response | null> {
    const attempt = () => fetch(`${this.origin}${path}`, { headers: this.headers() });
    try {
      const response = await attempt();
      this.setOnline(true);
      if (response.status === 401 && (await this.refresh())) return await attempt();
      return response;
    } catch {
      this.setOnline(false);
      return null;
    }
  }

  /** Is the server reachable right now? (Cheap: the health endpoint, no session needed.) */
  async probe(): Promise<void> {
    try {
      const response = await fetch(`${this.origin}/healthz`);
      this.setOnline(response.ok);
    } catch {
      this.setOnline(false);
    }
  }
}
