import type { Dictionary, EntityData, EntityMetadata, EntityName, EntityProperty } from '@mikro-orm/core';
import type { EntityManager, Organization } from '@picineiros/db';

// Hand-written reads for the hot list paths. A list never changes what it reads, so it does not need
// managed entities: hydrating a page of 200 visits with their clients into the identity map cost ~30 ms
// of CPU per call, and building each statement through the query builder another ~0.5–1 ms. Here the
// statement is a string, and rows become plain objects under the entity's property names through the
// ORM's own compiled result mapper (dates and booleans as `em.find` gives them, on both dialects).
//
// Tenant scoping: the ORM's tenant filter does not see these statements, so this helper is where they
// get it. Every statement it builds starts its WHERE with `<alias>.organization_id = ?` bound to the
// caller's organization (`ctx.organization`, set by orgProcedure); a service cannot leave it out.

/** The request's EntityManager and the caller's organization (an `OrgContext` is one). */
export type TenantScope = { em: EntityManager; organization: Pick<Organization, 'id'> };

/** A SQL condition with `?` placeholders and their values. */
export type SqlCondition = { sql: string; params: readonly unknown[] };

export function sqlCondition(sql: string, ...params: unknown[]): SqlCondition {
  return { sql, params };
}

/** `?, ?, ?` for a list of values (never empty: callers check). */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

export type TenantSelect = {
  /** The entity whose table is read (rows are mapped with its metadata). */
  entity: EntityName<object>;
  alias: string;
  /** Entity properties to read, by property name (each becomes its column(s)). */
  properties: readonly string[];
  /** Further select-list items, e.g. a correlated subquery `(…) as client_name` (keys kept as written). */
  extraColumns?: readonly string[];
  where?: readonly SqlCondition[];
  orderBy?: string;
  limit?: number;
  offset?: number;
};

function fromAndWhere(ctx: TenantScope, query: Pick<TenantSelect, 'entity' | 'alias' | 'where'>) {
  const meta = ctx.em.getMetadata().get(query.entity);
  const conditions = [sqlCondition(`${query.alias}.organization_id = ?`, ctx.organization.id)];
  conditions.push(...(query.where ?? []));
  return {
    meta,
    sql: ` from ${ctx.em.getPlatform().quoteIdentifier(meta.tableName)} ${query.alias} where ${conditions.map((condition) => condition.sql).join(' and ')}`,
    params: conditions.flatMap((condition) => condition.params),
  };
}

function selectListOf(meta: EntityMetadata, query: TenantSelect): string {
  const columns = query.properties.flatMap((name) => {
    const prop = (meta.properties as Record<string, EntityProperty | undefined>)[name];
    if (!prop) throw new Error(`${meta.className} has no property ${name}`);
    return prop.fieldNames.map((field) => `${query.alias}.${field}`);
  });
  return [...columns, ...(query.extraColumns ?? [])].join(', ');
}

function pagingOf(query: TenantSelect): string {
  return (
    (query.orderBy ? ` order by ${query.orderBy}` : '') +
    (query.limit !== undefined ? ` limit ${String(query.limit)}` : '') +
    (query.offset ? ` offset ${String(query.offset)}` : '')
  );
}

/** The statement's rows as read (`raw`) and mapped to property names (`rows`). */
async function selectMapped(
  ctx: TenantScope,
  meta: EntityMetadata,
  statement: string,
  params: readonly unknown[],
): Promise<{ rows: unknown[]; raw: Dictionary[] }> {
  const driver = ctx.em.getDriver();
  const raw = await ctx.em.getConnection().execute<EntityData<Dictionary>[]>(statement, [...params]);
  return { rows: raw.map((row) => driver.mapResult(row, meta as EntityMetadata<Dictionary>)), raw };
}

/** The caller's organization's rows of one table, as plain objects under property names. */
export async function selectTenantRows<Row>(ctx: TenantScope, query: TenantSelect): Promise<Row[]> {
  const { meta, sql, params } = fromAndWhere(ctx, query);
  const statement = `select ${selectListOf(meta, query)}${sql}${pagingOf(query)}`;
  return (await selectMapped(ctx, meta, statement, params)).rows as Row[];
}

const TOTAL_COLUMN = 'total__';

/**
 * One page of rows and how many rows match in all, in one statement: the count is an uncorrelated scalar
 * subquery over the same conditions, which both dialects evaluate once per statement (as a separate
 * count statement would, without its round trip). A page past the end has no row to carry the total, so
 * only then is it counted on its own.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it selected, as with selectTenantRows
export async function selectTenantPage<Row>(
  ctx: TenantScope,
  query: TenantSelect,
): Promise<{ rows: Row[]; total: number }> {
  const { meta, sql, params } = fromAndWhere(ctx, query);
  const statement = `select ${selectListOf(meta, query)}, (select count(*)${sql}) as ${TOTAL_COLUMN}${sql}${pagingOf(query)}`;
  const mapped = await selectMapped(ctx, meta, statement, [...params, ...params]);
  const rows = mapped.rows as Row[];
  const first = mapped.raw[0];
  if (first) return { rows, total: Number(first[TOTAL_COLUMN]) };
  return { rows, total: query.offset ? await countTenantRows(ctx, query) : 0 };
}

/** How many of the caller's organization's rows of one table match. */
export async function countTenantRows(
  ctx: TenantScope,
  query: Pick<TenantSelect, 'entity' | 'alias' | 'where'>,
): Promise<number> {
  const { sql, params } = fromAndWhere(ctx, query);
  const rows = await ctx.em
    .getConnection()
    .execute<{ total: number | string }[]>(`select count(*) as total${sql}`, [...params]);
  return Number(rows[0]?.total ?? 0);
}

/** One row of aggregates (`select`, e.g. `count(*) as n, sum(f.amount_cents) as total`) over the matching rows. */
export async function aggregateTenantRows<Row>(
  ctx: TenantScope,
  query: Pick<TenantSelect, 'entity' | 'alias' | 'where'> & { select: string },
): Promise<Row | undefined> {
  const { sql, params } = fromAndWhere(ctx, query);
  const rows = await ctx.em.getConnection().execute<Row[]>(`select ${query.select}${sql}`, [...params]);
  return rows[0];
}
