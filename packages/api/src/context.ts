import type { Database, EntityManager } from '@picineiros/db';
import type { CepLookup } from './address/cep-lookup';
import type { AsaasGateway } from './billing/asaas';
import type { BillingSettings } from './billing/state';
import type { AbuseLimits } from './shared/abuse-limits';
import type { ApiObserver } from './shared/observer';
import type { RequestBudget } from './shared/request-budget';

export type CookieOptions = {
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict';
  path: string;
  maxAgeSeconds?: number;
};

/** What a procedure may know of the HTTP request, independent of the web framework. */
export type RequestInfo = {
  /** The request id the server logs under (echoed as x-request-id). */
  id?: string;
  ip: string | null;
  userAgent: string | null;
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: Pick<CookieOptions, 'path'>): void;
  /**
   * Adds who is calling to every later log line of this request (the server binds each key once per
   * request; one HTTP request has one Authorization and one x-org-id, so a batch shares them).
   */
  bindLogContext?(bindings: LogBindings): void;
};

export type LogBindings = { userId?: string; organizationId?: string };

export type Logger = {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
};

export type ApiSettings = {
  /** Signs access tokens and CSRF tokens; at least 32 characters. */
  appSecret: string;
  /** Secure cookies and no stack traces in errors. */
  production: boolean;
  /** Where users reach the app: links in e-mails point here. */
  publicUrl: string;
  /** Trial length and grace period (default: 14 and 7 days). */
  billing?: BillingSettings;
  /** Rate limits on heavy and guessable actions (default: DEFAULT_ABUSE_LIMITS). */
  limits?: Partial<AbuseLimits>;
};

export type Clock = () => Date;

/** The services every request shares, built once at start by the server. */
export type ApiDependencies = {
  database: Database;
  settings: ApiSettings;
  clock: Clock;
  /** The per-token request budget (calls per session and minute); absent: none. */
  requestBudget?: RequestBudget;
  /** Procedure and webhook metrics; absent: not measured. */
  observer?: ApiObserver;
  /** Payments (Asaas, or its local fake); null or absent: billing cannot subscribe on this server. */
  asaas?: AsaasGateway | null;
  /** Looks up a CEP's address (ViaCEP); null or absent: lookups answer `unavailable`. */
  cepLookup?: CepLookup | null;
};

export type Context = ApiDependencies & {
  em: EntityManager;
  request: RequestInfo;
  logger: Logger;
};

export function createContext(dependencies: ApiDependencies, request: RequestInfo, logger: Logger): Context {
  return { ...dependencies, em: dependencies.database.fork(), request, logger };
}
