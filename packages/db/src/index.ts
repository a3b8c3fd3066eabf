export * from './config';
export * from './database';
export * from './entities';
export * from './seed/demo';
export * from './seed/fixtures';
export * from './tracking/change-tracking';
export type { EntityManager } from '@mikro-orm/knex';
