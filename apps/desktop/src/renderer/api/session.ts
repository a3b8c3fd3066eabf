import type { AppRouter } from '@picineiros/api';
import type { inferRouterOutputs } from '@trpc/server';
import type { PicineirosBridge } from '../../ipc/contract';
import { createHttpClient, createIpcClient, readCsrfCookie, type ApiClient } from './client';

type Outputs = inferRouterOutputs<AppRouter>;
export type SignedInUser = Outputs['auth']['me']['user'];
export type Membership = Outputs['auth']['me']['memberships'][number];

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'idle' | 'expired' }
  | { status: 'signed-in'; user: SignedInUser; memberships: Membership[]; orgId: string };

const ORG_KEY = 'picineiros.orgId';

/**
 * Owns the sign-in state outside React. Web: the access token lives in memory only and is renewed with the
 * HttpOnly refresh cookie; desktop: the core holds both tokens and the renderer never sees the refresh one.
 */
export class SessionManager {
  readonly api: ApiClient;
  readonly desktop: boolean;
  private accessToken: string | undefined;
  private orgId: string | undefined = localStorage.getItem(ORG_KEY) ?? undefined;
  private state: SessionState = { status: 'loading' };
  private listeners = new Set<() => void>();
  private renewing: Promise<boolean> | null = null;
  private readonly baseUrl: string;

  constructor(bridge: PicineirosBridge | undefined, baseUrl = '') {
    this.desktop = bridge !== undefined;
    this.baseUrl = baseUrl;
    this.api = bridge
      ? createIpcClient(bridge, () => this.orgId)
      : createHttpClient(baseUrl, {
          accessToken: () => this.accessToken,
          orgId: () => this.orgId,
          renew: () => this.renew(),
        });
    bridge?.onEvent((event) => {
      if (event.type === 'signed-out') this.setState({ status: 'signed-out', reason: 'expired' });
    });
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** At start: resume the session the refresh cookie (web) or the core (desktop) still holds. */
  async resume(): Promise<void> {
    if (!this.desktop && !readCsrfCookie()) {
      this.setState({ status: 'signed-out' });
      return;
    }
    if (!this.desktop && !(await this.renew())) {
      this.setState({ status: 'signed-out' });
      return;
    }
    try {
      const me = await this.api.auth.me.query();
      this.signedIn(me.user, me.memberships);
    } catch {
      this.setState({ status: 'signed-out' });
    }
  }

  /**
   * One renewal at a time: two concurrent refreshes with the same token would look like token reuse to the
   * server, which then revokes the whole session.
   */
  renew(): Promise<boolean> {
    if (this.desktop) return Promise.resolve(false);
    this.renewing ??= this.api.auth.refresh
      .mutate({})
      .then(
        (result) => {
          this.accessToken = result.accessToken;
          return true;
        },
        () => {
          this.accessToken = undefined;
          if (this.state.status === 'signed-in') this.setState({ status: 'signed-out', reason: 'expired' });
          return false;
        },
      )
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  async signIn(email: string, password: string): Promise<void> {
    const result = await this.api.auth.login.mutate({
      email,
      password,
      client: this.desktop ? 'desktop' : 'web',
    });
    this.accessToken = result.accessToken;
    this.signedIn(result.user, result.memberships);
  }

  /** Mails a 6-digit code to the address (the answer is the same whether it already has an account). */
  register(input: { name: string; email: string; password: string; organizationName: string }) {
    return this.api.auth.register.mutate(input);
  }

  /** The code from the e-mail creates the account and signs in. */
  async confirmRegistration(email: string, code: string): Promise<void> {
    const result = await this.api.auth.confirmRegistration.mutate({
      email,
      code,
      client: this.desktop ? 'desktop' : 'web',
    });
    this.accessToken = result.accessToken;
    this.signedIn(result.user, result.memberships);
  }

  async signOut(reason?: 'idle'): Promise<void> {
    try {
      await this.api.auth.logout.mutate({});
    } catch {
      // Signing out locally must work even when the server cannot be reached.
    }
    this.accessToken = undefined;
    this.setState({ status: 'signed-out', ...(reason ? { reason } : {}) });
  }

  /**
   * Web only: a plain GET under the API's rules (the LGPD export ZIP) with the access token and the
   * organization, renewing the token once if it has expired. The desktop renderer holds no token: null.
   */
  async fetchWithSession(path: string): Promise<Response | null> {
    if (this.desktop) return null;
    const attempt = () => {
      const headers: Record<string, string> = {};
      if (this.accessToken) headers['authorization'] = `Bearer ${this.accessToken}`;
      if (this.orgId) headers['x-org-id'] = this.orgId;
      return fetch(`${this.baseUrl}${path}`, { headers });
    };
    const response = await attempt();
    if (response.status !== 401 || !(await this.renew())) return response;
    return attempt();
  }

  selectOrganization(orgId: string): void {
    this.orgId = orgId;
    localStorage.setItem(ORG_KEY, orgId);
    if (this.state.status === 'signed-in') this.setState({ ...this.state, orgId });
  }

  private signedIn(user: SignedInUser, memberships: Membership[]): void {
    const orgIds = memberships.map((membership) => membership.organizationId);
    const orgId = this.orgId && orgIds.includes(this.orgId) ? this.orgId : orgIds[0];
    if (!orgId) throw new Error('signed in without an organization');
    this.orgId = orgId;
    localStorage.setItem(ORG_KEY, orgId);
    this.setState({ status: 'signed-in', user, memberships, orgId });
  }
}
