import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, type LogContext, type LoggerOptions, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, EntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { entitySchemas } from './entities';
import { migrations as postgresqlMigrations } from './migrations/postgresql';
import { migrations as sqliteMigrations } from './migrations/sqlite';
import { ChangeTrackingSubscriber } from './tracking/change-tracking';

export type Dialect = 'postgresql' | 'sqlite';

export type DatabaseSettings = {
  /** `postgres://…` or `postgresql://…` selects Postgres; anything else (or nothing) selects SQLite. */
  databaseUrl?: string | undefined;
  /** Where the SQLite file lives when no Postgres URL is given. */
  dataDir: string;
  /** Log every SQL statement through this function (slow-query logs, query counting in tests). */
  logQuery?: ((sql: string) => void) | undefined;
  poolMax?: number | undefined;
  /** Reports every statement that took at least `thresholdMs` (with placeholders, never the values). */
  slowQuery?: SlowQuerySettings | undefined;
};

export type SlowQuery = {
  /** The statement with `?`/`$1` placeholders; quoted literals are replaced by '?'. */
  sql: string;
  tookMs: number;
  failed: boolean;
  /** The EntityManager's logger context and the bindings of runWithQueryContext (request, user, org). */
  context: Readonly<Record<string, unknown>>;
};

export type SlowQuerySettings = { thresholdMs: number; report(query: SlowQuery): void };

// Who the statements running now are for (request, user, organization): set around a unit of work and
// read by the slow-query log, whatever EntityManager, fork or query builder runs them.
const queryContext = new AsyncLocalStorage<Readonly<Record<string, string>>>();

/** Runs `work` with these bindings (added to the current ones) on every statement it runs. */
export function runWithQueryContext<T>(bindings: Readonly<Record<string, string>>, work: () => T): T {
  return queryContext.run({ ...queryContext.getStore(), ...bindings }, work);
}

// A quoted SQL literal ('it''s'), which might hold personal data if values were ever inlined.
const SQL_LITERAL = /'(?:[^']|'')*'/g;

/**
 * MikroORM hands every statement's duration (`took`) to its logger, whether query logging is on or not;
 * this one also reports the slow ones. The values (`params`) are never passed on.
 */
class SlowQueryLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly slowQuery: SlowQuerySettings,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    const { query, took, params: _params, level, connection: _connection, ...rest } = context;
    if (took !== undefined && took >= this.slowQuery.thresholdMs) {
      this.slowQuery.report({
        sql: query.replace(SQL_LITERAL, "'?'"),
        tookMs: took,
        failed: level === 'error',
        context: { ...rest, ...queryContext.getStore() },
      });
    }
    super.logQuery(context);
  }
}

const migrationsRoot = fileURLToPath(new URL('./migrations', import.meta.url));

export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

export function sqliteFileOf(settings: DatabaseSettings): string {
  const url = settings.databaseUrl;
  if (url?.startsWith('file:')) return fileURLToPath(url);
  if (url && url !== '' && !url.includes('://')) return url;
  return join(settings.dataDir, 'picineiros.sqlite');
}

export function migrationsPathOf(dialect: Dialect): string {
  return join(migrationsRoot, dialect);
}

/** The one ORM configuration factory: the same entities on Postgres or SQLite. */
export function createOrmConfig(settings: DatabaseSettings): Options<AbstractSqlDriver, EntityManager> {
  const dialect = dialectOf(settings.databaseUrl);
  const slowQuery = settings.slowQuery;
  const common = {
    entities: entitySchemas,
    extensions: [Migrator],
    // Sync versions and the audit log, for every flush (see tracking/change-tracking.ts).
    subscribers: [new ChangeTrackingSubscriber()],
    // Instants are stored and read as UTC whatever the server's time zone.
    forceUtcTimezone: true,
    // Local dates ('YYYY-MM-DD') stay strings; no accidental time-zone shifts.
    ignoreUndefinedInQuery: true,
    discovery: {
      warnWhenNoEntities: true,
      // `type: 'datetime'` (DateTimeType) snapshots loaded rows as Date but diffs them as SQLite's epoch
      // numbers, so every loaded entity looked changed on SQLite: spurious updates, version and sync-version
      // bumps (github.com/mikro-orm/mikro-orm/issues/5550). The runtime `Date` type maps to the same columns.
      onMetadata: (meta) => {
        for (const prop of Object.values(meta.properties)) if (prop.type === 'datetime') prop.type = 'Date';
      },
    },
    migrations: {
      path: migrationsPathOf(dialect),
      migrationsList: dialect === 'postgresql' ? postgresqlMigrations : sqliteMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts' as const,
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    debug: settings.logQuery !== undefined,
    logger: settings.logQuery ?? (() => undefined),
    ...(slowQuery
      ? {
          loggerFactory: (options: LoggerOptions) => new SlowQueryLogger(options, slowQuery),
        }
      : {}),
    allowGlobalContext: false,
  } satisfies Options;

  if (dialect === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: settings.databaseUrl,
      pool: { min: 0, max: settings.poolMax ?? 10 },
    };
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: sqliteFileOf(settings),
  };
}
