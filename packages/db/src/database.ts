import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver, EntityManager } from '@mikro-orm/knex';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { createOrmConfig, dialectOf, sqliteFileOf, type DatabaseSettings, type Dialect } from './config';

export type Database = {
  orm: MikroORM<AbstractSqlDriver, EntityManager>;
  dialect: Dialect;
  /** A fresh, request- or job-scoped EntityManager. */
  fork(): EntityManager;
  close(): Promise<void>;
};

/** Opens the database and, unless told otherwise, applies every pending migration. */
export async function openDatabase(
  settings: DatabaseSettings,
  options: { migrate?: boolean } = {},
): Promise<Database> {
  const dialect = dialectOf(settings.databaseUrl);
  if (dialect === 'sqlite') mkdirSync(dirname(sqliteFileOf(settings)), { recursive: true });
  const orm = await MikroORM.init<AbstractSqlDriver, EntityManager>(createOrmConfig(settings));
  if (dialect === 'sqlite') {
    // WAL lets readers work while a write is in progress; a writer waits up to 5 s for another instead of
    // failing at once with SQLITE_BUSY (the desktop app and job command share the file with the server).
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
  }
  if (options.migrate ?? true) await orm.migrator.up();
  return {
    orm,
    dialect,
    fork: () => orm.em.fork(),
    close: () => orm.close(true),
  };
}

/** SQL that would bring the live schema in line with the entities; empty when migrations match them. */
export async function schemaDrift(database: Database): Promise<string> {
  const sql = await database.orm.schema.getUpdateSchemaSQL({ wrap: false });
  return sql.trim();
}

/**
 * SQLite only (Postgres: nothing): makes the current transaction take the database's write lock now, as
 * BEGIN IMMEDIATE would. Two connections whose transactions read first and write later otherwise
 * deadlock on the upgrade, and one fails at once with SQLITE_BUSY instead of waiting its turn.
 */
export async function lockSqliteForWrite(em: EntityManager, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await em.execute('delete from sync_counters where 1 = 0');
}

/** The dialect an EntityManager talks to (for the few statements that differ between the two). */
export function dialectOfEntityManager(em: EntityManager): Dialect {
  return em.config.get('driver') === PostgreSqlDriver ? 'postgresql' : 'sqlite';
}
