import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export class Organization extends BaseEntity<'timezone' | 'document'> {
  name!: string;
  /** CPF (11 digits) or CNPJ (14 digits), digits only; optional until billing needs it. */
  document?: string | null;
  timezone: string = DEFAULT_TIMEZONE;
}

export const OrganizationSchema = new EntitySchema<Organization, BaseEntity<string>>({
  class: Organization,
  extends: BaseEntitySchema,
  tableName: 'organizations',
  properties: {
    name: { type: 'string', length: 120 },
    document: { type: 'string', length: 14, nullable: true },
    timezone: { type: 'string', length: 64, default: DEFAULT_TIMEZONE },
  },
});
