import { ReferenceKind, type EntityData, type EntityMetadata, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@picineiros/db';

// Hand-written joins that load managed entities, for the per-call checks (session, membership) where the
// ORM's own `findOne` + `populate` cost more than the rest of a cached call: building the query through
// the query builder is ~1–2 ms of CPU per call, the statement itself ~0.1 ms. The rows are turned into
// entities by the same steps `em.find` takes (the driver's compiled result mapper, then the entity
// factory with merge), so the entities are managed, change-tracked and flushable like loaded ones.

type Row = Record<string, unknown>;

const selectLists = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * `"alias"."column" as "alias__column", …` for every column `em.find` loads eagerly (lazy ones, such as a
 * password hash or a logo, are left out, as a populate would).
 */
export function selectListOf(em: EntityManager, entity: EntityName<object>, alias: string): string {
  const meta = em.getMetadata().get(entity);
  let byAlias = selectLists.get(meta);
  if (!byAlias) {
    byAlias = new Map();
    selectLists.set(meta, byAlias);
  }
  const known = byAlias.get(alias);
  if (known) return known;
  const platform = em.getPlatform();
  const columns = meta.props
    .filter(
      (prop) =>
        prop.fieldNames.length > 0 &&
        !prop.lazy &&
        prop.persist !== false &&
        !prop.formula &&
        (prop.kind === ReferenceKind.SCALAR ||
          prop.kind === ReferenceKind.MANY_TO_ONE ||
          (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
    )
    .flatMap((prop) => prop.fieldNames)
    .map(
      (field) =>
        `${platform.quoteIdentifier(alias)}.${platform.quoteIdentifier(field)} as ${platform.quoteIdentifier(`${alias}__${field}`)}`,
    )
    .join(', ');
  byAlias.set(alias, columns);
  return columns;
}

/** The managed entity for the `alias__…` columns of a joined row (see `selectListOf`). */
export function mergeAliased<Entity extends object>(
  em: EntityManager,
  entity: EntityName<Entity>,
  row: Row,
  alias: string,
): Entity {
  const prefix = `${alias}__`;
  const columns: Row = {};
  for (const key in row) if (key.startsWith(prefix)) columns[key.slice(prefix.length)] = row[key];
  const meta = em.getMetadata().get<Entity>(entity);
  const data = em.getDriver().mapResult<Entity>(columns as EntityData<Entity>, meta);
  if (!data) throw new Error(`no ${meta.className} columns under ${alias}`);
  return em.getEntityFactory().create<Entity>(entity, data, { merge: true, convertCustomTypes: true });
}

/** A date as the dialect stores it, for a bound parameter (timestamptz on Postgres, epoch ms on SQLite). */
export function instantParameter(em: EntityManager, date: Date): unknown {
  return em.getPlatform().processDateProperty(date);
}
