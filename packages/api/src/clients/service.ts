import { LockMode } from '@mikro-orm/core';
import { Client, Pool, type Organization } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { assertWithinLimit } from '../billing/limits';
import type { Context } from '../context';
import { ADDRESS_COLUMNS, applyAddress } from '../shared/address';
import { applyContact } from '../shared/contact';
import { numberedPage, pageWindow } from '../shared/paging';
import { messages } from '../shared/messages';
import { clientSearchColumns, searchTermsOf } from '../shared/search-text';
import {
  placeholders,
  selectTenantPage,
  selectTenantRows,
  sqlCondition,
  type SqlCondition,
} from '../shared/tenant-rows';
import { z } from '../shared/validation';
import {
  clientListDirection,
  type ClientPage,
  type ClientView,
  type TCreateClientInput,
  type TListClientsInput,
  type TPoolFields,
  type TUpdateClientInput,
} from './schema';
import { toClientView } from './view';

// The view's type lives with its schema; the reports import it from here too.
export type { ClientView } from './schema';

const CLIENT_VIEW_COLUMNS = [
  'id',
  'name',
  'document',
  'phone',
  'email',
  ...ADDRESS_COLUMNS,
  'notes',
  'active',
  'deletedAt',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Client)[];

/** What a client's view reads: a managed entity or a plain row of the list (same property names). */
type ClientFields = Pick<Client, (typeof CLIENT_VIEW_COLUMNS)[number]>;

const POOL_VIEW_COLUMNS = [
  'id',
  'client',
  'label',
  'type',
  'volumeLiters',
  'location',
  'heated',
  'notes',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const satisfies readonly (keyof Pool)[];

/** What a pool's view reads: a managed entity or a plain row of the list (same property names; the list's
 * row also carries the client's id, which the view does not read). */
type PoolFields = Pick<Pool, Exclude<(typeof POOL_VIEW_COLUMNS)[number], 'client'>>;

/**
 * A BAD_REQUEST on one field, shaped like input validation errors (`fieldErrors` in the error data).
 * `ZodRealError`, not `ZodError`: only the former is an `Error`, which tRPC keeps as the cause.
 */
function fieldError(field: string, message: string): TRPCError {
  const cause = new z.ZodRealError([{ code: 'custom', path: field.split('.'), message, input: undefined }]);
  return new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidInput, cause });
}

/** The tenant filter scopes every query here: another organization's id is simply not found. */
async function findClient(ctx: Context, id: string): Promise<Client> {
  const client = await ctx.em.findOne(Client, { id });
  if (!client) throw new TRPCError({ code: 'NOT_FOUND', message: messages.clientNotFound });
  return client;
}

async function findPools(ctx: Context, clients: readonly Client[]): Promise<Pool[]> {
  if (clients.length === 0) return [];
  return ctx.em.find(
    Pool,
    { client: { $in: clients.map((client) => client.id) }, deletedAt: null },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

/** A CPF/CNPJ belongs to one client among those not archived. */
async function isDocumentFree(ctx: Context, document: string, exceptId?: string): Promise<boolean> {
  const taken = await ctx.em.count(Client, {
    document,
    deletedAt: null,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  return taken === 0;
}

/** Keeps the folded copies in step with the fields they are built from (see shared/search-text.ts). */
function refreshSearchColumns(client: Client): void {
  Object.assign(client, clientSearchColumns(client));
}

function applyPool(pool: Pool, fields: TPoolFields): void {
  pool.label = fields.label ?? null;
  pool.type = fields.type;
  pool.volumeLiters = fields.volumeLiters ?? null;
  pool.location = fields.location;
  pool.heated = fields.heated;
  pool.notes = fields.notes ?? null;
}

function createPool(ctx: Context, organization: Organization, client: Client, fields: TPoolFields): Pool {
  const pool = ctx.em.create(Pool, { organization, client, type: fields.type });
  applyPool(pool, fields);
  return pool;
}

export async function listClients(
  ctx: Context,
  organization: Organization,
  input: TListClientsInput,
): Promise<ClientPage> {
  const where: SqlCondition[] = [];
  if (!input.includeArchived) where.push(sqlCondition('c.deleted_at is null'));
  if (input.active !== undefined)
    where.push(sqlCondition(input.active ? 'c.active = true' : 'c.active = false'));
  if (input.poolType) {
    // Naming the organization lets Postgres read only its pools through (organization, type, client),
    // not every organization's pools of that type.
    where.push(
      sqlCondition(
        'c.id in (select p.client_id from pools p where p.organization_id = ? and p.type = ? and p.deleted_at is null)',
        organization.id,
        input.poolType,
      ),
    );
  }
  // Every word must appear somewhere in the folded name, e-mail, document or phone. The words are
  // [a-z0-9] only, so they carry no LIKE wildcard; the scan stays within the organization's rows.
  for (const term of searchTermsOf(input.search ?? '')) {
    where.push(sqlCondition('c.search_text like ?', `%${term}%`));
  }
  const direction = clientListDirection(input);
  const sortColumn = input.sort === 'name' ? 'c.name_key' : 'c.created_at';
  // Plain rows, not entities (see shared/tenant-rows.ts): the page with its total, then the page's pools.
  const scope = { em: ctx.em, organization };
  const { rows: clients, total } = await selectTenantPage<ClientFields>(scope, {
    entity: Client,
    alias: 'c',
    properties: CLIENT_VIEW_COLUMNS,
    where,
    orderBy: `${sortColumn} ${direction}, c.id ${direction}`,
    ...pageWindow(input.page, input.pageSize),
  });
  const clientIds = clients.map((client) => client.id);
  const pools =
    clientIds.length === 0
      ? []
      : await selectTenantRows<PoolFields & { client: string }>(scope, {
          entity: Pool,
          alias: 'p',
          properties: POOL_VIEW_COLUMNS,
          where: [
            sqlCondition(
              `p.client_id in (${placeholders(clientIds)}) and p.deleted_at is null`,
              ...clientIds,
            ),
          ],
          orderBy: 'p.created_at, p.id',
        });
  const items = clients.map((client) =>
    toClientView(
      client,
      pools.filter((pool) => pool.client === client.id),
    ),
  );
  return numberedPage(items, total, input.page, input.pageSize);
}

export async function getClient(ctx: Context, id: string): Promise<ClientView> {
  const client = await findClient(ctx, id);
  return toClientView(client, await findPools(ctx, [client]));
}

export async function createClient(
  ctx: Context,
  organization: Organization,
  input: TCreateClientInput,
): Promise<ClientView> {
  if (input.document && !(await isDocumentFree(ctx, input.document))) {
    throw fieldError('document', messages.clientDocumentTaken);
  }
  if (input.active ?? true) await assertWithinLimit(ctx, organization, 'activeClients');
  const client = ctx.em.create(Client, {
    organization,
    name: input.name,
    nameKey: '',
    searchText: '',
    document: input.document ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    notes: input.notes ?? null,
    active: input.active ?? true,
  });
  applyAddress(client, input.address);
  refreshSearchColumns(client);
  const pools = input.pools.map((fields) => createPool(ctx, organization, client, fields));
  await ctx.em.flush();
  return toClientView(client, pools);
}

export async function updateClient(
  ctx: Context,
  organization: Organization,
  input: TUpdateClientInput,
): Promise<ClientView> {
  // Every check (reads) comes before the first change: the EntityManager flushes pending changes before
  // a query, so a refused call must not have touched an entity yet.
  const client = await findClient(ctx, input.id);
  if (input.version !== undefined) await ctx.em.lock(client, LockMode.OPTIMISTIC, input.version);
  if (client.deletedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: messages.clientArchived });
  const current = await findPools(ctx, [client]);
  for (const pool of input.pools ?? []) {
    if (pool.id && !current.some((existing) => existing.id === pool.id)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: messages.poolNotFound });
    }
  }
  if (
    input.document &&
    input.document !== client.document &&
    !(await isDocumentFree(ctx, input.document, client.id))
  ) {
    throw fieldError('document', messages.clientDocumentTaken);
  }
  // Reactivating a paused client counts against the plan like a new one.
  if (input.active === true && !client.active) await assertWithinLimit(ctx, organization, 'activeClients');

  if (input.name !== undefined) client.name = input.name;
  applyContact(client, input);
  if (input.email !== undefined) client.email = input.email;
  if (input.notes !== undefined) client.notes = input.notes;
  if (input.active !== undefined) client.active = input.active;
  applyAddress(client, input.address);
  refreshSearchColumns(client);

  let pools = current;
  if (input.pools) {
    const now = ctx.clock();
    const kept = new Set<string>();
    pools = input.pools.map((fields) => {
      const existing = fields.id ? current.find((pool) => pool.id === fields.id) : undefined;
      if (!existing) return createPool(ctx, organization, client, fields);
      kept.add(existing.id);
      applyPool(existing, fields);
      return existing;
    });
    // Removing a pool archives it: visits that name it keep their history, and sync sends a tombstone.
    for (const pool of current) if (!kept.has(pool.id)) pool.deletedAt = now;
  }
  await ctx.em.flush();
  return toClientView(client, pools);
}

export async function archiveClient(ctx: Context, id: string): Promise<ClientView> {
  const client = await findClient(ctx, id);
  // Its pools stay as they are: restoring the client brings them back with it.
  client.deletedAt ??= ctx.clock();
  await ctx.em.flush();
  return toClientView(client, await findPools(ctx, [client]));
}

export async function restoreClient(ctx: Context, id: string): Promise<ClientView> {
  const client = await findClient(ctx, id);
  if (client.deletedAt && client.document && !(await isDocumentFree(ctx, client.document, client.id))) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.clientRestoreDocumentTaken });
  }
  if (client.deletedAt && client.active) await assertWithinLimit(ctx, client.organization, 'activeClients');
  client.deletedAt = null;
  await ctx.em.flush();
  return toClientView(client, await findPools(ctx, [client]));
}
