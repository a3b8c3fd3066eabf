import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * A subscription plan. Plans are data, not code: the migration that created the table seeds the three
 * launch plans, and a price or limit change is an UPDATE, never a deploy. Limits count: active clients
 * (not archived, `active`), members, visits per local month (by visit date) and e-mail notices to clients
 * per local month.
 */
export class Plan extends BaseEntity<'active' | 'sortOrder'> {
  code!: string;
  name!: string;
  priceCents!: number;
  maxActiveClients!: number;
  maxMembers!: number;
  maxAppointmentsPerMonth!: number;
  maxEmailNoticesPerMonth!: number;
  /** Offered to new subscriptions; an inactive plan keeps its current subscribers. */
  active = true;
  sortOrder = 0;
}

export const PlanSchema = new EntitySchema<Plan, BaseEntity<string>>({
  class: Plan,
  extends: BaseEntitySchema,
  tableName: 'plans',
  properties: {
    code: { type: 'string', length: 40, unique: true },
    name: { type: 'string', length: 80 },
    priceCents: { type: 'integer' },
    maxActiveClients: { type: 'integer' },
    maxMembers: { type: 'integer' },
    maxAppointmentsPerMonth: { type: 'integer' },
    maxEmailNoticesPerMonth: { type: 'integer' },
    active: { type: 'boolean', default: true },
    sortOrder: { type: 'integer', default: 0 },
  },
});
