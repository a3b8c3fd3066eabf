// The sync feed the desktop replica pulls: input schema and the payload shapes it applies.
import type { Collection } from '@mikro-orm/core';
import type { Appointment, BaseEntity, Client, FinanceEntry, Notification, Pool } from '@picineiros/db';
import { z } from '../shared/validation';

export const SYNC_ENTITY_TYPES = ['client', 'pool', 'appointment', 'financeEntry', 'notification'] as const;
export type SyncEntityType = (typeof SYNC_ENTITY_TYPES)[number];

export const SYNC_PULL_LIMIT_MAX = 1000;

export const ZSyncPullInput = z.object({
  /** The `cursor` of the previous pull; 0 (the default) starts from the beginning. */
  cursor: z
    .int({ error: 'Cursor inválido.' })
    .min(0, { error: 'Cursor inválido.' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'Cursor inválido.' })
    .default(0),
  limit: z
    .int({ error: 'Informe um número inteiro.' })
    .min(1, { error: 'Peça pelo menos 1 alteração.' })
    .max(SYNC_PULL_LIMIT_MAX, { error: `Peça até ${SYNC_PULL_LIMIT_MAX} alterações por vez.` })
    .default(500),
});
export type TSyncPullInput = z.infer<typeof ZSyncPullInput>;

type RowKey<T, K extends keyof T> = K extends string
  ? NonNullable<T[K]> extends Collection<object>
    ? never
    : NonNullable<T[K]> extends BaseEntity<string>
      ? `${K}Id`
      : K
  : never;
type RowValue<V> =
  NonNullable<V> extends BaseEntity<string>
    ? string | (undefined extends V ? null : never) | (null extends V ? null : never)
    : Exclude<V, undefined> | (undefined extends V ? null : never);

/**
 * One table row as the replica stores it: every column of the entity, relations as `<name>Id`, absent
 * optional values as `null`, dates as `Date` (superjson). Derived from the entity, so a new column is
 * synced without touching this file (sync.test.ts checks every column arrives).
 */
export type SyncRow<T> = { -readonly [K in keyof T as RowKey<T, K>]-?: RowValue<T[K]> };

export type SyncRowsByType = {
  client: SyncRow<Client>;
  pool: SyncRow<Pool>;
  appointment: SyncRow<Appointment>;
  financeEntry: SyncRow<FinanceEntry>;
  notification: SyncRow<Notification>;
};

/**
 * One changed row at its latest state. `deleted` marks a tombstone (an archived row, `row.deletedAt`
 * set): the replica keeps or hides it, never resurrects an older state, since `syncVersion` only grows.
 */
export type SyncChange = {
  [K in SyncEntityType]: {
    entityType: K;
    id: string;
    syncVersion: number;
    deleted: boolean;
    row: SyncRowsByType[K];
  };
}[SyncEntityType];

/**
 * The feed as zod checks it: the envelope of every change, and each row as an object of columns. A row's
 * columns are derived from its entity (SyncRow above) rather than written out a second time here; sync.test.ts
 * checks that every column arrives.
 */
const ZSyncChangeEnvelope = z.object({
  entityType: z.enum(SYNC_ENTITY_TYPES),
  id: z.string(),
  syncVersion: z.number().int(),
  deleted: z.boolean(),
  row: z.record(z.string(), z.unknown()),
});

export const ZSyncPullResult = z.object({
  /** In ascending `syncVersion` order; apply them in order. */
  changes: z.array(
    z.custom<SyncChange>((value) => ZSyncChangeEnvelope.safeParse(value).success, {
      error: 'Alteração malformada.',
    }),
  ),
  /** Pass it as `cursor` next time. */
  cursor: z.number().int(),
  /** More changes are waiting: pull again at once. */
  hasMore: z.boolean(),
});
export type SyncPullResult = z.infer<typeof ZSyncPullResult>;
