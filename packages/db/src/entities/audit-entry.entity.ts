import { EntitySchema } from '@mikro-orm/core';
import { Membership } from './membership.entity';
import { TenantEntity, TenantEntitySchema } from './tenant-entity';
import { User } from './user.entity';
import { type AuditAction } from '../constants';

/** One audited field: its value before and after the change (JSON-safe: dates as ISO strings, relations as ids). */
export type AuditFieldChange = { before: unknown; after: unknown };
export type AuditChanges = Record<string, AuditFieldChange>;

/**
 * One change of a client, pool, appointment or finance entry, written by the change-tracking subscriber
 * (tracking/change-tracking.ts) in the same transaction as the change itself. Never updated.
 */
export class AuditEntry extends TenantEntity<'membership' | 'user' | 'actorName'> {
  /** Who: the member acting through the API; null for system work (seeds, jobs). */
  membership?: Membership | null;
  user?: User | null;
  /** The actor's name when it happened, kept even if the member is later removed. */
  actorName?: string | null;
  at!: Date;
  entityType!: string;
  entityId!: string;
  action!: AuditAction;
  changes!: AuditChanges;
}

export const AuditEntrySchema = new EntitySchema<AuditEntry, TenantEntity<string>>({
  class: AuditEntry,
  extends: TenantEntitySchema,
  tableName: 'audit_entries',
  properties: {
    membership: { kind: 'm:1', entity: () => Membership, nullable: true, deleteRule: 'set null' },
    user: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'set null' },
    actorName: { type: 'string', length: 120, nullable: true },
    at: { type: 'datetime' },
    entityType: { type: 'string', length: 32 },
    entityId: { type: 'uuid' },
    action: { type: 'string', length: 16 },
    changes: { type: 'json' },
  },
  // audit.list: newest first, optionally narrowed to one entity, one entity type or one member.
  indexes: [
    { properties: ['organization', 'at', 'id'] },
    { properties: ['organization', 'entityType', 'entityId', 'at'] },
    { properties: ['organization', 'membership', 'at'] },
  ],
});
