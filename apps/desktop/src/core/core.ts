import { join } from 'node:path';
import type { AppRouter } from '@picineiros/api';
import { localDateOf, type SyncPullResult } from '@picineiros/api/client';
import { TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type {
  BridgeErrorShape,
  BridgeEvent,
  BridgeOperation,
  BridgeResult,
  ReportExportRequest,
} from '../ipc/contract';
import { errorShape, OfflineError } from './errors';
import { exportReport } from './exports';
import { readLocally, type LocalPlace } from './local-reads';
import { coreMessages } from './messages';
import { DOMAINS_OF, Replica } from './replica';
import type { SaveLocation } from './report-export';
import { ServerLink } from './server-link';
import type { TokenStore } from './token-store';

type Outputs = inferRouterOutputs<AppRouter>;
type Me = Outputs['auth']['me'];

export type CoreOptions = {
  /** The server's origin, e.g. https://app.picineiros.com.br */
  serverUrl: string;
  /** Where the replica lives (one SQLite file). */
  dataDir: string;
  tokenStore: TokenStore;
  /** Where exports go: main shows the native Save dialog (the core never imports Electron). */
  saveLocation?: SaveLocation;
  /** How often to pull changes while signed in; 0 disables the timer (tests call `sync()`). */
  syncIntervalMs?: number;
  clock?: () => Date;
  userAgent?: string;
};

/** The operation as the renderer sends it, plus the organization it has selected. */
export type CoreOperation = BridgeOperation & { orgId?: string | undefined };

const SYNC_PAGE = 1000;
const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

/**
 * The desktop's local core (plain Node, no Electron): signs in as a 'desktop' client and keeps the session
 * (ServerLink holds the tokens), keeps a SQLite replica current with `sync.pull`, answers the renderer's
 * reads from it (local-reads.ts) and forwards writes to the server. The renderer's calls arrive as
 * `{ path, type, input }` and get the server's answers' shapes, so the renderer keeps the AppRouter type.
 */
export class DesktopCore {
  readonly replica: Replica;
  private readonly link: ServerLink;
  private readonly clock: () => Date;
  private orgId: string | undefined;
  private listeners = new Set<(event: BridgeEvent) => void>();
  private syncing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: CoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.replica = new Replica(join(options.dataDir, 'replica.sqlite'));
    this.orgId = this.replica.getMeta('orgId') ?? undefined;
    this.link = new ServerLink({
      serverUrl: options.serverUrl,
      tokenStore: options.tokenStore,
      userAgent: options.userAgent,
      orgId: () => this.orgId,
      onOnlineChange: (online) => {
        this.emit({ type: 'connection', online });
      },
      onSessionLost: async () => {
        await this.forgetSession();
        this.emit({ type: 'signed-out' });
      },
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Life cycle

  /** Resumes the stored session (when the server answers) and starts the periodic pull. */
  async start(): Promise<void> {
    const token = await this.options.tokenStore.load();
    if (token) {
      await this.link.refresh();
      if (this.link.hasAccessToken()) void this.sync().catch(() => undefined);
    }
    const interval = this.options.syncIntervalMs ?? 5000;
    if (interval > 0) {
      this.timer = setInterval(() => {
        if (this.signedIn()) void this.sync().catch(() => undefined);
      }, interval);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.syncing?.catch(() => undefined);
    this.replica.close();
  }

  onEvent(listener: (event: BridgeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isOnline(): boolean {
    return this.link.isOnline();
  }

  private emit(event: BridgeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private signedIn(): boolean {
    return this.replica.getMeta('me') !== null;
  }

  // ---------------------------------------------------------------------------------------------------
  // Session

  private async forgetSession(): Promise<void> {
    this.link.setAccessToken(undefined);
    await this.options.tokenStore.clear();
    // The next person at this computer must see nothing of this organization's data.
    this.replica.wipe();
  }

  private async signedInWith(
    result: Outputs['auth']['login'],
    requestedOrgId: string | undefined,
  ): Promise<void> {
    const previousUser = (JSON.parse(this.replica.getMeta('me') ?? 'null') as Me | null)?.user.id;
    if (previousUser !== result.user.id) this.replica.wipe();
    this.link.setAccessToken(result.accessToken);
    if (result.refreshToken) await this.options.tokenStore.save(result.refreshToken);
    this.replica.setMeta('me', JSON.stringify({ user: result.user, memberships: result.memberships }));
    const orgIds = result.memberships.map((membership) => membership.organizationId);
    const orgId =
      requestedOrgId && orgIds.includes(requestedOrgId) ? requestedOrgId : (this.orgId ?? orgIds[0]);
    this.selectOrganization(orgId && orgIds.includes(orgId) ? orgId : orgIds[0]);
  }

  private selectOrganization(orgId: string | undefined): void {
    if (!orgId || orgId === this.replica.getMeta('orgId')) {
      this.orgId = orgId;
      return;
    }
    const me = this.replica.getMeta('me');
    this.replica.wipe();
    if (me) this.replica.setMeta('me', me);
    this.orgId = orgId;
    this.replica.setMeta('orgId', orgId);
  }

  // ---------------------------------------------------------------------------------------------------
  // Sync

  /**
   * Pulls every change after the stored cursor, page by page, applying each page and its cursor in one
   * transaction. Single-flight: a call during a pull waits for that pull and then pulls once more, so a
   * write's own change is always in the replica when `sync()` resolves after it.
   */
  sync(): Promise<void> {
    const run = async () => {
      if (!this.orgId) return;
      if (!this.replica.getMeta('timezone')) {
        const organization = await this.link.call<Outputs['organizations']['current']>(
          'query',
          'organizations.current',
          undefined,
        );
        this.replica.setMeta('timezone', organization.timezone);
      }
      const domains = new Set<string>();
      for (;;) {
        const page = await this.link.call<SyncPullResult>('query', 'sync.pull', {
          cursor: this.replica.cursor(),
          limit: SYNC_PAGE,
        });
        this.replica.applyChanges(page.changes, page.cursor);
        for (const change of page.changes) domains.add(DOMAINS_OF[change.entityType]);
        if (!page.hasMore) break;
      }
      if (this.replica.getMeta('synced') !== this.orgId) this.replica.setMeta('synced', this.orgId);
      if (domains.size > 0) this.emit({ type: 'synced', domains: [...domains] });
    };
    const previous = this.syncing ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(run)
      .finally(() => {
        if (this.syncing === next) this.syncing = null;
      });
    this.syncing = next;
    return next;
  }

  /** Whether reads can come from the replica: a full pull of the selected organization has finished. */
  private replicaReady(): boolean {
    return this.orgId !== undefined && this.replica.getMeta('synced') === this.orgId;
  }

  /** The organization's time zone and local date, for local reads. */
  private place(): LocalPlace {
    const timezone = this.replica.getMeta('timezone') ?? DEFAULT_TIMEZONE;
    return { timezone, today: localDateOf(this.clock(), timezone) };
  }

  // ---------------------------------------------------------------------------------------------------
  // The renderer's calls

  /**
   * Writes a report from the replica to a file the user picks (see exports.ts); progress goes out as
   * `export-progress` events.
   */
  exportReport(request: ReportExportRequest): Promise<BridgeResult> {
    const context = {
      replica: this.replica,
      link: this.link,
      readyOrgId: this.replicaReady() ? this.orgId : undefined,
      saveLocation: this.options.saveLocation,
      now: this.clock(),
      onProgress: (progress: { written: number; total: number }) => {
        this.emit({ type: 'export-progress', ...progress });
      },
    };
    return exportReport(context, request);
  }

  async handle(operation: CoreOperation): Promise<BridgeResult> {
    try {
      if (operation.orgId && operation.orgId !== this.orgId && this.signedIn()) {
        this.selectOrganization(operation.orgId);
        void this.sync().catch(() => undefined);
      }
      return { ok: true, data: await this.dispatch(operation) };
    } catch (error) {
      if (error instanceof OfflineError) {
        const message = operation.type === 'mutation' ? coreMessages.offlineWrite : error.message;
        return { ok: false, error: errorShape('SERVICE_UNAVAILABLE', message, 503) };
      }
      if (error instanceof TRPCClientError) {
        const shape = (error as TRPCClientError<AppRouter>).shape as BridgeErrorShape | undefined;
        if (shape)
          return {
            ok: false,
            error: { ...shape, data: { ...shape.data, stack: undefined } as BridgeErrorShape['data'] },
          };
      }
      return { ok: false, error: errorShape('INTERNAL_SERVER_ERROR', String(error), 500) };
    }
  }

  private async dispatch({ path, type, input, orgId }: CoreOperation): Promise<unknown> {
    switch (path) {
      case 'auth.register': {
        // Only mails a code (or a warning): nothing to keep yet. auth.confirmRegistration signs in.
        if (!this.link.isOnline()) await this.link.probe();
        return this.link.call('mutation', path, input);
      }
      case 'auth.login':
      case 'auth.confirmRegistration': {
        if (!this.link.isOnline()) await this.link.probe();
        const result = await this.link.call<Outputs['auth']['login']>('mutation', path, {
          ...(input as object),
          client: 'desktop',
        });
        await this.signedInWith(result, orgId);
        void this.sync().catch(() => undefined);
        // The refresh token stays here; the renderer gets what a web client would.
        const { refreshToken: _kept, ...forRenderer } = result;
        return forRenderer;
      }
      case 'auth.refresh': {
        if (!(await this.link.refresh())) throw new TRPCClientError(coreMessages.signInRequired);
        return { accessToken: this.link.accessTokenForRenderer() };
      }
      case 'auth.logout': {
        const refreshToken = await this.options.tokenStore.load();
        try {
          if (refreshToken) await this.link.call('mutation', 'auth.logout', { refreshToken });
        } catch {
          // Signing out on this computer must work offline too; the server session then simply expires.
        }
        await this.forgetSession();
        return { ok: true };
      }
      case 'auth.me': {
        if (!this.signedIn()) return this.unauthorized();
        try {
          const me = await this.link.call<Me>('query', path, input);
          this.replica.setMeta('me', JSON.stringify(me));
          return me;
        } catch (error) {
          if (error instanceof OfflineError) return JSON.parse(this.replica.getMeta('me') ?? 'null') as Me;
          throw error;
        }
      }
    }
    if (type === 'query' && this.replicaReady()) {
      const local = readLocally(this.replica, path, input, this.place());
      if (local !== undefined) return local;
    }
    if (type === 'mutation') {
      const result = await this.link.call('mutation', path, input);
      // Apply the write's effect locally before answering, so the next local read already shows it.
      await this.sync().catch(() => undefined);
      return result;
    }
    return this.link.call('query', path, input);
  }

  private unauthorized(): never {
    throw Object.assign(new TRPCClientError(coreMessages.signInRequired), {
      shape: errorShape('UNAUTHORIZED', coreMessages.signInRequired, 401),
    });
  }
}
