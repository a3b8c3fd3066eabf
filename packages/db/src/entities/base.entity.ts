import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

// Enumerations are plain string columns typed in TypeScript and validated by zod at the edge: MikroORM 6's
// SQLite schema reader mis-parses enum check constraints, which would make the drift check lie.

// UUIDv7 ids are generated in the app (no round trip to learn an id) and are time-ordered, which keeps
// B-tree inserts local on both Postgres and SQLite.
/** `Optional` names the subclass's properties that have defaults, so `em.create` does not require them. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- read by MikroORM's OptionalProps
export class BaseEntity<Optional extends string = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | Optional;
  id: string = uuidv7();
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  version = 1;
}

export const BaseEntitySchema = new EntitySchema<BaseEntity<string>>({
  class: BaseEntity,
  abstract: true,
  properties: {
    id: { type: 'uuid', primary: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime', onUpdate: () => new Date() },
    // Optimistic locking: a concurrent update of the same row fails instead of silently overwriting.
    version: { type: 'integer', version: true },
  },
});
