import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { Organization } from './organization.entity';

/**
 * One daily job done for one organization and local day. The unique key makes a run happen once, however
 * often the scheduler fires, and lets a restarted server see which of today's runs it missed.
 */
export class JobRun extends BaseEntity {
  job!: string;
  organization!: Organization;
  localDate!: string;
  notifications!: number;
  mails!: number;
  ranAt!: Date;
}

export const JobRunSchema = new EntitySchema<JobRun, BaseEntity<string>>({
  class: JobRun,
  extends: BaseEntitySchema,
  tableName: 'job_runs',
  properties: {
    job: { type: 'string', length: 40 },
    organization: { kind: 'm:1', entity: () => Organization, deleteRule: 'cascade' },
    localDate: { type: 'string', length: 10 },
    notifications: { type: 'integer' },
    mails: { type: 'integer' },
    ranAt: { type: 'datetime' },
  },
  uniques: [{ properties: ['job', 'localDate', 'organization'] }],
});
