import type { Database, EntityManager } from '@picineiros/db';

export type CookieOptions = {
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict';
  path: string;
  maxAgeSeconds?: number;
};

/** What a procedure may know of the HTTP request, independent of the web framework. */
export type RequestInfo = {
  ip: string | null;
  userAgent: string | null;
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: Pick<CookieOptions, 'path'>): void;
};

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
};

export type Clock = () => Date;

/** The services every request shares, built once at start by the server. */
export type ApiDependencies = {
  database: Database;
  settings: ApiSettings;
  clock: Clock;
};

export type Context = ApiDependencies & {
  em: EntityManager;
  request: RequestInfo;
  logger: Logger;
};

export function createContext(dependencies: ApiDependencies, request: RequestInfo, logger: Logger): Context {
  return { ...dependencies, em: dependencies.database.fork(), request, logger };
}
