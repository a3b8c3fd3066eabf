import { join } from 'node:path';
import type { AppRouter } from '@picineiros/api';
import { ZAppointmentOverlapsInput } from '@picineiros/api/appointments/schema';
import { ZDashboardSummaryInput } from '@picineiros/api/dashboard/schema';
import { localDateOf } from '@picineiros/api/shared/local-time';
import type { SyncPullResult } from '@picineiros/api/sync/schema';
import { createTRPCUntypedClient, httpLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import type { BridgeErrorShape, BridgeEvent, BridgeOperation, BridgeResult } from '../ipc/contract';
import { coreMessages } from './messages';
import { DOMAINS_OF, Replica } from './replica';
import {
  exportLocalReport,
  exportServerReport,
  ExportInputError,
  exportSourceOf,
  type ExportRequest,
  type SaveLocation,
} from './report-export';
import type { TokenStore } from './token-store';

type Inputs = inferRouterInputs<AppRouter>;
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

class OfflineError extends Error {}

function errorShape(code: string, message: string, httpStatus: number): BridgeErrorShape {
  return { message, code: -32000, data: { code, httpStatus } };
}

/** A failure that means "the server did not answer" rather than "the server said no". */
function isNetworkFailure(error: unknown): boolean {
  return !(error instanceof TRPCClientError) || (error as TRPCClientError<AppRouter>).shape === undefined;
}

/**
 * The desktop's local core (plain Node, no Electron): signs in as a 'desktop' client and keeps the session,
 * holds the refresh token (through a TokenStore), keeps a SQLite replica current with `sync.pull`, answers
 * the renderer's reads from it and forwards writes to the server. The renderer's calls arrive as
 * `{ path, type, input }` and get the server's answers' shapes, so the renderer keeps the AppRouter type.
 */
export class DesktopCore {
  readonly replica: Replica;
  private readonly server;
  private readonly clock: () => Date;
  private accessToken: string | undefined;
  private orgId: string | undefined;
  private online = true;
  private listeners = new Set<(event: BridgeEvent) => void>();
  private refreshing: Promise<boolean> | null = null;
  private syncing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: CoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.replica = new Replica(join(options.dataDir, 'replica.sqlite'));
    this.orgId = this.replica.getMeta('orgId') ?? undefined;
    this.server = createTRPCUntypedClient<AppRouter>({
      links: [
        httpLink({
          url: `${options.serverUrl.replace(/\/$/, '')}/trpc`,
          transformer: superjson,
          headers: () => ({
            ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
            ...(this.orgId ? { 'x-org-id': this.orgId } : {}),
            ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
          }),
        }),
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Life cycle

  /** Resumes the stored session (when the server answers) and starts the periodic pull. */
  async start(): Promise<void> {
    const token = await this.options.tokenStore.load();
    if (token) {
      await this.refresh();
      if (this.accessToken) void this.sync().catch(() => undefined);
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
    return this.online;
  }

  private emit(event: BridgeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emit({ type: 'connection', online });
  }

  private signedIn(): boolean {
    return this.replica.getMeta('me') !== null;
  }

  // ---------------------------------------------------------------------------------------------------
  // Talking to the server

  /** One call to the server; renews the access token once on UNAUTHORIZED; marks the core on/offline. */
  private async call<T>(type: 'query' | 'mutation', path: string, input: unknown, retry = true): Promise<T> {
    try {
      const result = (await (type === 'query'
        ? this.server.query(path, input)
        : this.server.mutation(path, input))) as T;
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
  private refresh(): Promise<boolean> {
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
        await this.forgetSession();
        this.emit({ type: 'signed-out' });
        return false;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async forgetSession(): Promise<void> {
    this.accessToken = undefined;
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
    this.accessToken = result.accessToken;
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
        const organization = await this.call<Outputs['organizations']['current']>(
          'query',
          'organizations.current',
          undefined,
        );
        this.replica.setMeta('timezone', organization.timezone);
      }
      const domains = new Set<string>();
      for (;;) {
        const page = await this.call<SyncPullResult>('query', 'sync.pull', {
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

  private today(): string {
    return localDateOf(this.clock(), this.replica.getMeta('timezone') ?? DEFAULT_TIMEZONE);
  }

  // ---------------------------------------------------------------------------------------------------
  // Exports

  /**
   * Writes a report from the replica to a file the user picks, with the server's own report module, so
   * it works offline; progress goes out as `export-progress` events. `data` is null when cancelled.
   */
  async exportReport(request: ExportRequest): Promise<BridgeResult> {
    try {
      if (!this.orgId || !this.replicaReady() || !this.options.saveLocation) {
        return { ok: false, error: errorShape('PRECONDITION_FAILED', coreMessages.exportNotReady, 412) };
      }
      // The replica keeps neither archived rows nor the summary's aggregates: those come from the server.
      if (request.kind === 'finance-summary' || request.filters?.['includeArchived'] === true) {
        const outcome = await exportServerReport(
          request,
          (path) => this.download(path),
          this.options.saveLocation,
        );
        if (outcome === 'offline') {
          return { ok: false, error: errorShape('SERVICE_UNAVAILABLE', coreMessages.exportNeedsServer, 503) };
        }
        if (outcome && 'error' in outcome) {
          return { ok: false, error: errorShape('BAD_REQUEST', outcome.error, 400) };
        }
        return { ok: true, data: outcome };
      }
      const source = await exportSourceOf(this.replica, this.orgId, this.clock(), (path) =>
        this.call('query', path, undefined),
      );
      const localRequest = { ...request, kind: request.kind };
      const result = await exportLocalReport(source, localRequest, this.options.saveLocation, (progress) => {
        this.emit({ type: 'export-progress', ...progress });
      });
      return { ok: true, data: result };
    } catch (error) {
      if (error instanceof ExportInputError) {
        const shape = errorShape('BAD_REQUEST', coreMessages.exportBadFilters, 400);
        return { ok: false, error: { ...shape, data: { ...shape.data, fieldErrors: error.fieldErrors } } };
      }
      return { ok: false, error: errorShape('INTERNAL_SERVER_ERROR', String(error), 500) };
    }
  }

  /** A GET of a server file route with the session (renewed once on 401); null when unreachable. */
  private async download(path: string): Promise<Response | null> {
    const attempt = () =>
      fetch(`${this.options.serverUrl.replace(/\/$/, '')}${path}`, {
        headers: {
          ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
          ...(this.orgId ? { 'x-org-id': this.orgId } : {}),
        },
      });
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

  // ---------------------------------------------------------------------------------------------------
  // The renderer's calls

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
      case 'auth.login':
      case 'auth.register': {
        if (!this.online) await this.probe();
        const result = await this.call<Outputs['auth']['login']>('mutation', path, {
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
        if (!(await this.refresh())) throw new TRPCClientError(coreMessages.signInRequired);
        return { accessToken: this.accessToken };
      }
      case 'auth.logout': {
        const refreshToken = await this.options.tokenStore.load();
        try {
          if (refreshToken) await this.call('mutation', 'auth.logout', { refreshToken });
        } catch {
          // Signing out on this computer must work offline too; the server session then simply expires.
        }
        await this.forgetSession();
        return { ok: true };
      }
      case 'auth.me': {
        if (!this.signedIn()) return this.unauthorized();
        try {
          const me = await this.call<Me>('query', path, input);
          this.replica.setMeta('me', JSON.stringify(me));
          return me;
        } catch (error) {
          if (error instanceof OfflineError) return JSON.parse(this.replica.getMeta('me') ?? 'null') as Me;
          throw error;
        }
      }
    }
    if (type === 'query' && this.replicaReady()) {
      const local = this.readLocally(path, input);
      if (local !== undefined) return local;
    }
    if (type === 'mutation') {
      const result = await this.call('mutation', path, input);
      // Apply the write's effect locally before answering, so the next local read already shows it.
      await this.sync().catch(() => undefined);
      return result;
    }
    return this.call('query', path, input);
  }

  private unauthorized(): never {
    throw Object.assign(new TRPCClientError(coreMessages.signInRequired), {
      shape: errorShape('UNAUTHORIZED', coreMessages.signInRequired, 401),
    });
  }

  /** Is the server reachable right now? (Cheap: the health endpoint, no session needed.) */
  private async probe(): Promise<void> {
    try {
      const response = await fetch(`${this.options.serverUrl.replace(/\/$/, '')}/healthz`);
      this.setOnline(response.ok);
    } catch {
      this.setOnline(false);
    }
  }

  /** A local answer, or undefined when this read needs the server (archived rows, ranges, other domains). */
  private readLocally(path: string, input: unknown): unknown {
    switch (path) {
      case 'clients.list': {
        const list = (input ?? {}) as Inputs['clients']['list'];
        return list?.includeArchived ? undefined : this.replica.listClients(list);
      }
      case 'clients.get':
        return this.replica.getClient((input as Inputs['clients']['get']).id) ?? undefined;
      case 'appointments.list': {
        const list = input as Inputs['appointments']['list'];
        return list.includeArchived ? undefined : this.replica.listAppointments(list);
      }
      case 'appointments.get':
        return this.replica.getAppointment((input as Inputs['appointments']['get']).id) ?? undefined;
      case 'appointments.overlaps': {
        // Bad input goes to the server, whose answer carries the field errors.
        const slot = ZAppointmentOverlapsInput.safeParse(input);
        return slot.success ? this.replica.listAppointmentOverlaps(slot.data) : undefined;
      }
      case 'finance.list': {
        const list = input as Inputs['finance']['list'];
        return list.includeArchived ? undefined : this.replica.listFinanceEntries(list, this.today());
      }
      case 'finance.get':
        return (
          this.replica.getFinanceEntry((input as Inputs['finance']['get']).id, this.today()) ?? undefined
        );
      case 'dashboard.summary': {
        // Ranged summaries too (the Painel's period filter works offline); input the server would refuse
        // goes to it, for its field errors.
        const range = ZDashboardSummaryInput.safeParse(input);
        if (!range.success) return undefined;
        return (
          this.replica.dashboardSummary(
            this.clock(),
            this.replica.getMeta('timezone') ?? DEFAULT_TIMEZONE,
            range.data,
          ) ?? undefined
        );
      }
      default:
        return undefined;
    }
  }
}
