import { ReferenceKind, type EntityClass } from '@mikro-orm/core';
import {
  Appointment,
  Client,
  FinanceEntry,
  Notification,
  Pool,
  SyncCounter,
  type SyncedEntity,
} from '@picineiros/db';
import type { OrgContext } from '../shared/org-context';
import type { SyncChange, SyncEntityType, SyncPullResult, TSyncPullInput } from './schema';

const SYNCED_ENTITIES: { entityType: SyncEntityType; entity: EntityClass<SyncedEntity<string>> }[] = [
  { entityType: 'client', entity: Client },
  { entityType: 'pool', entity: Pool },
  { entityType: 'appointment', entity: Appointment },
  { entityType: 'financeEntry', entity: FinanceEntry },
  { entityType: 'notification', entity: Notification },
];

/**
 * The changes of the caller's organization after `cursor`, oldest first (see docs/architecture.md, "Sync").
 *
 * Why the high-water mark: sync versions are handed out under a per-organization row lock held until
 * commit, so the counter's committed value H guarantees that every version <= H is committed and
 * visible to the statements that follow, while versions above H may still be in flight. Reading
 * `cursor < syncVersion <= H` per table therefore never skips a change, even though the five tables are
 * read by separate statements (separate snapshots under READ COMMITTED).
 */
export async function pullChanges(ctx: OrgContext, input: TSyncPullInput): Promise<SyncPullResult> {
  // A clean fork (same tenant filter): rows come straight from the database, not the request's identity map.
  const em = ctx.em.fork();
  const counter = await em.findOne(SyncCounter, { organization: ctx.organization.id });
  const highWater = counter?.lastVersion ?? 0;
  if (highWater <= input.cursor) return { changes: [], cursor: input.cursor, hasMore: false };

  const changes: SyncChange[] = [];
  for (const { entityType, entity } of SYNCED_ENTITIES) {
    const rows = await em.find(
      entity,
      { syncVersion: { $gt: input.cursor, $lte: highWater } },
      { orderBy: { syncVersion: 'asc' }, limit: input.limit + 1 },
    );
    const meta = em.getMetadata().get(entity.name);
    for (const row of rows) {
      changes.push({
        entityType,
        id: row.id,
        syncVersion: row.syncVersion,
        deleted: row.deletedAt != null,
        row: rowOf(row, meta.props),
      } as SyncChange);
    }
  }
  // Each table gave at most limit + 1 rows, so the first `limit` of the merge have no gaps below them.
  changes.sort((a, b) => a.syncVersion - b.syncVersion);
  const hasMore = changes.length > input.limit;
  const page = changes.slice(0, input.limit);
  return { changes: page, cursor: hasMore ? (page.at(-1)?.syncVersion ?? input.cursor) : highWater, hasMore };
}

type PropertyInfo = { name: string; kind: ReferenceKind };

function rowOf(entity: object, props: readonly PropertyInfo[]): Record<string, unknown> {
  const values = entity as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const prop of props) {
    const value = values[prop.name];
    if (prop.kind === ReferenceKind.SCALAR) {
      row[prop.name] = value ?? null;
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      row[`${prop.name}Id`] = (value as { id?: string } | null | undefined)?.id ?? null;
    }
  }
  return row;
}
