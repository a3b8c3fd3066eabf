// Change tracking in one place: every flush that creates or updates a SyncedEntity (clients, pools,
// appointments, finance entries, notifications) gets, in the same transaction,
//   1. a `syncVersion` per changed row from the organization's counter (the sync feed's cursor), and
//   2. an AuditEntry per change of an audited entity (all synced ones except notifications).
// Domain services use their EntityManager normally. Writes that bypass the unit of work (`em.insert`,
// `em.nativeUpdate`, query builders) are not tracked: do not use them on synced entities.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ChangeSetType,
  type ChangeSet,
  type EntityManager,
  type EventArgs,
  type EventSubscriber,
  type FlushEventArgs,
} from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { AuditAction } from '../constants';
import { AuditEntry, type AuditChanges } from '../entities/audit-entry.entity';
import { Membership } from '../entities/membership.entity';
import { SyncedEntity } from '../entities/tenant-entity';
import { User } from '../entities/user.entity';

/** Who is changing data: the member behind the API call. */
export type ChangeActor = { membershipId: string; userId: string; name: string };

export type ChangeContext = {
  /** null for system work (seeds, jobs): audited as "Sistema". */
  actor: ChangeActor | null;
  /** When the change happens (the request's clock, so tests can move time). */
  now: () => Date;
};

// An AsyncLocalStorage rather than a map keyed by EntityManager: services may fork (`em.transactional`),
// and the actor must follow every fork of the request.
const changeContextStorage = new AsyncLocalStorage<ChangeContext>();

/** Runs `work` (and everything it awaits) with the given actor recorded on its changes. */
export function runWithChangeContext<T>(context: ChangeContext, work: () => T): T {
  return changeContextStorage.run(context, work);
}

export function currentChangeContext(): ChangeContext | undefined {
  return changeContextStorage.getStore();
}

/** Entity types not written to the audit log (they are still synced). */
const UNAUDITED = new Set(['Notification']);

/** Bookkeeping and derived columns (the clients' folded search keys): never reported as changed fields. */
const UNAUDITED_FIELDS = new Set([
  'id',
  'organization',
  'createdAt',
  'updatedAt',
  'version',
  'syncVersion',
  'nameKey',
  'searchText',
]);

/** `FinanceEntry` → `financeEntry`: the name of an entity type in the audit log and the sync feed. */
export function entityTypeOf(className: string): string {
  return className.charAt(0).toLowerCase() + className.slice(1);
}

function jsonValueOf(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && 'id' in value) return value.id;
  return value;
}

function actionOf(changeSet: ChangeSet<Synced>): AuditAction {
  if (changeSet.type === ChangeSetType.CREATE) return 'create';
  const payload = changeSet.payload as Record<string, unknown>;
  const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  if ('deletedAt' in payload) {
    const wasArchived = original['deletedAt'] != null;
    const isArchived = payload['deletedAt'] != null;
    if (!wasArchived && isArchived) return 'archive';
    if (wasArchived && !isArchived) return 'restore';
  }
  return 'status' in payload ? 'status_change' : 'update';
}

function changesOf(changeSet: ChangeSet<Synced>): AuditChanges {
  const payload = changeSet.payload as Record<string, unknown>;
  const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  const creating = changeSet.type === ChangeSetType.CREATE;
  const changes: AuditChanges = {};
  for (const [field, after] of Object.entries(payload)) {
    if (UNAUDITED_FIELDS.has(field)) continue;
    const before = creating ? null : jsonValueOf(original[field]);
    const afterValue = jsonValueOf(after);
    if (creating && afterValue === null) continue;
    changes[field] = { before, after: afterValue };
  }
  return changes;
}

type Synced = SyncedEntity<string>;

function isSynced(entity: unknown): entity is Synced {
  return entity instanceof SyncedEntity;
}

type VersionPlan = { entities: Synced[]; versions?: Map<Synced, number> };

/**
 * Hands out `count` consecutive versions of an organization's feed. The upsert row-locks the counter
 * until the transaction ends, so a concurrent writer of the same organization waits here and gets the
 * next block only after this transaction has committed (or rolled back): versions become visible in
 * the order they were handed out, and a reader's cursor can never pass a version still in flight.
 */
async function reserveVersions(
  em: EntityManager,
  organizationId: string,
  count: number,
): Promise<{ first: number; last: number }> {
  const row = (await em.getConnection('write').execute(
    `insert into sync_counters (organization_id, last_version) values (?, ?)
     on conflict (organization_id) do update set last_version = sync_counters.last_version + excluded.last_version
     returning last_version`,
    [organizationId, count],
    'get',
    em.getTransactionContext(),
  )) as { last_version: number | string };
  const last = Number(row.last_version);
  return { first: last - count + 1, last };
}

/**
 * Postgres: one statement reserves the blocks of every organization of the flush (a job touching
 * thousands of organizations would otherwise pay a round trip each). Rows are upserted in organization
 * order, so two multi-organization transactions lock counters in the same order and cannot deadlock.
 */
async function reserveVersionsPostgres(
  em: EntityManager,
  counts: Map<string, number>,
): Promise<Map<string, { first: number; last: number }>> {
  const organizationIds = [...counts.keys()].sort();
  const rows = (await em.getConnection('write').execute(
    `insert into sync_counters (organization_id, last_version)
     select organization_id, amount from unnest(?::uuid[], ?::bigint[]) as t(organization_id, amount)
     order by organization_id
     on conflict (organization_id) do update set last_version = sync_counters.last_version + excluded.last_version
     returning organization_id, last_version`,
    // Array literals: the query builder would expand a JS array into a list of parameters.
    [`{${organizationIds.join(',')}}`, `{${organizationIds.map((id) => counts.get(id) ?? 0).join(',')}}`],
    'all',
    em.getTransactionContext(),
  )) as { organization_id: string; last_version: number | string }[];
  return new Map(
    rows.map((row) => {
      const last = Number(row.last_version);
      return [row.organization_id, { first: last - (counts.get(row.organization_id) ?? 0) + 1, last }];
    }),
  );
}

async function allocateVersions(em: EntityManager, entities: Synced[]) {
  const byOrganization = new Map<string, Synced[]>();
  for (const entity of entities) {
    const organizationId = entity.organization.id;
    byOrganization.set(organizationId, [...(byOrganization.get(organizationId) ?? []), entity]);
  }
  const versions = new Map<Synced, number>();
  const counts = new Map([...byOrganization].map(([id, group]) => [id, group.length]));
  if (em.getPlatform() instanceof PostgreSqlPlatform && counts.size > 1) {
    const blocks = await reserveVersionsPostgres(em, counts);
    for (const [organizationId, group] of byOrganization) {
      const block = blocks.get(organizationId);
      if (!block) throw new Error(`no sync versions reserved for organization ${organizationId}`);
      group.forEach((entity, index) => versions.set(entity, block.first + index));
    }
    return versions;
  }
  // Counters are locked in a fixed order so that two multi-organization transactions cannot deadlock.
  for (const organizationId of [...byOrganization.keys()].sort()) {
    const group = byOrganization.get(organizationId) ?? [];
    const { first } = await reserveVersions(em, organizationId, group.length);
    group.forEach((entity, index) => versions.set(entity, first + index));
  }
  return versions;
}

export class ChangeTrackingSubscriber implements EventSubscriber {
  private readonly plans = new WeakMap<EntityManager, VersionPlan>();

  beforeFlush({ em }: FlushEventArgs): void {
    this.plans.delete(em);
  }

  onFlush({ em, uow }: FlushEventArgs): void {
    const changeSets = uow
      .getChangeSets()
      .filter(
        (changeSet) =>
          isSynced(changeSet.entity) &&
          (changeSet.type === ChangeSetType.CREATE || changeSet.type === ChangeSetType.UPDATE),
      ) as unknown as ChangeSet<Synced>[];
    if (changeSets.length === 0) return;
    // onFlush runs before the flush's transaction starts: versions are reserved later, inside it, by the
    // first beforeCreate/beforeUpdate hook of the flush.
    this.plans.set(em, { entities: changeSets.map((changeSet) => changeSet.entity) });

    const context = currentChangeContext();
    const actor = context?.actor ?? null;
    const at = context?.now() ?? new Date();
    for (const changeSet of changeSets) {
      if (UNAUDITED.has(changeSet.meta.className)) continue;
      const changes = changesOf(changeSet);
      if (changeSet.type === ChangeSetType.UPDATE && Object.keys(changes).length === 0) continue;
      const entry = em.create(
        AuditEntry,
        {
          organization: changeSet.entity.organization,
          membership: actor ? em.getReference(Membership, actor.membershipId) : null,
          user: actor ? em.getReference(User, actor.userId) : null,
          actorName: actor?.name.slice(0, 120) ?? null,
          at,
          entityType: entityTypeOf(changeSet.meta.className),
          entityId: changeSet.entity.id,
          action: actionOf(changeSet),
          changes,
        },
        { persist: false },
      );
      uow.computeChangeSet(entry);
    }
  }

  afterFlush({ em }: FlushEventArgs): void {
    this.plans.delete(em);
  }

  async beforeCreate(args: EventArgs<unknown>): Promise<void> {
    await this.assignVersion(args);
  }

  async beforeUpdate(args: EventArgs<unknown>): Promise<void> {
    await this.assignVersion(args);
  }

  // Runs inside the flush's transaction (the unit of work has set its transaction context on `em`);
  // the hook's changes to the entity are merged into the change set's payload by the ORM.
  private async assignVersion({ entity, em }: EventArgs<unknown>): Promise<void> {
    if (!isSynced(entity)) return;
    let plan = this.plans.get(em);
    if (!plan) {
      plan = { entities: [entity] };
      this.plans.set(em, plan);
    }
    plan.versions ??= await allocateVersions(em, plan.entities);
    let version = plan.versions.get(entity);
    if (version === undefined) {
      version = (await reserveVersions(em, entity.organization.id, 1)).first;
      plan.versions.set(entity, version);
    }
    entity.syncVersion = version;
  }
}
