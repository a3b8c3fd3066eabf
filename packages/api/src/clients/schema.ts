// Clients and their pools: the zod schemas of the `clients` router, shared with the UI's forms.
import { POOL_LOCATIONS, POOL_TYPES } from '@picineiros/db/constants';
import { ZEmail } from '../accounts/schema';
import { ZAddressView } from '../shared/address';
import { ZCep, ZCpfCnpj, ZPhoneBR, ZUf } from '../shared/brazil';
import { ZContactView } from '../shared/contact';
import { z } from '../shared/validation';

export const POOLS_PER_CLIENT_MAX = 20;
export const POOL_VOLUME_MAX_LITERS = 10_000_000;
export const CLIENT_PAGE_SIZE_MAX = 100;

/**
 * An optional field as forms send it: a blank string or `null` clears it (becomes `null`); absent
 * (`undefined`) leaves it as it is on update.
 */
export function optional<Output>(schema: z.ZodType<Output, string>) {
  return z
    .string()
    .nullish()
    .transform((value) => (value == null || value.trim() !== '' ? value : null))
    .pipe(schema.nullish());
}

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} longo demais (até ${max} caracteres).` });

export const ZClientName = z
  .string({ error: 'Informe o nome do cliente.' })
  .trim()
  .min(2, { error: 'Informe o nome do cliente (pelo menos 2 letras).' })
  .max(120, { error: 'Nome longo demais (até 120 caracteres).' });

export const ZClientId = z.uuid({ error: 'Cliente inválido.' });
export const ZPoolId = z.uuid({ error: 'Piscina inválida.' });

export const ZPoolType = z.enum(POOL_TYPES, {
  error: 'Escolha o tipo da piscina (fibra, vinil, alvenaria/azulejo ou outro).',
});

export const ZPoolLocation = z.enum(POOL_LOCATIONS, {
  error: 'Informe se a piscina é externa ou coberta.',
});

export const ZPoolVolume = z
  .int({ error: 'Informe o volume em litros (número inteiro).' })
  .min(100, { error: 'Volume pequeno demais (mínimo de 100 litros).' })
  .max(POOL_VOLUME_MAX_LITERS, { error: 'Volume grande demais (até 10 milhões de litros).' });

/** A pool as the form sends it: complete, defaults filled in. */
export const ZPoolFields = z.object({
  label: optional(text(60, 'Identificação')),
  type: ZPoolType,
  volumeLiters: ZPoolVolume.nullish(),
  location: ZPoolLocation.default('outdoor'),
  heated: z.boolean({ error: 'Informe se a piscina é aquecida.' }).default(false),
  notes: optional(text(1000, 'Observações')),
});
export type TPoolFields = z.output<typeof ZPoolFields>;

export const ZAddress = z.object({
  cep: optional(ZCep),
  street: optional(text(120, 'Logradouro')),
  number: optional(text(20, 'Número')),
  complement: optional(text(80, 'Complemento')),
  district: optional(text(80, 'Bairro')),
  city: optional(text(80, 'Cidade')),
  uf: optional(ZUf),
});
export type TAddress = z.output<typeof ZAddress>;

const clientFields = {
  name: ZClientName,
  /** CPF or CNPJ, with or without mask; stored normalized. */
  document: optional(ZCpfCnpj),
  phone: optional(ZPhoneBR),
  email: optional(z.string().trim().pipe(ZEmail)),
  address: ZAddress.optional(),
  notes: optional(text(2000, 'Observações')),
  active: z.boolean({ error: 'Informe se o cliente está ativo.' }),
};

const poolsOf = <T extends z.ZodType>(pool: T) =>
  z
    .array(pool)
    .min(1, { error: 'Cadastre pelo menos uma piscina.' })
    .max(POOLS_PER_CLIENT_MAX, { error: `No máximo ${POOLS_PER_CLIENT_MAX} piscinas por cliente.` });

export const ZCreateClientInput = z.object({
  ...clientFields,
  active: clientFields.active.optional(),
  pools: poolsOf(ZPoolFields),
});
export type TCreateClientInput = z.output<typeof ZCreateClientInput>;

/** A pool in an update: with `id` it replaces that pool's fields, without `id` it is a new pool. */
export const ZPoolUpdate = ZPoolFields.extend({ id: ZPoolId.optional() });
export type TPoolUpdate = z.output<typeof ZPoolUpdate>;

/**
 * Only the fields given change; `null` or a blank string clears an optional field, and an address field
 * left out keeps its value. `pools`, when given, is the complete list: pools not in it are removed
 * (archived, so past visits keep them). `version` (from `get`) refuses an edit over someone else's.
 */
export const ZUpdateClientInput = z.object({
  id: ZClientId,
  version: z.int().positive().optional(),
  name: ZClientName.optional(),
  document: clientFields.document,
  phone: clientFields.phone,
  email: clientFields.email,
  address: clientFields.address,
  notes: clientFields.notes,
  active: clientFields.active.optional(),
  pools: poolsOf(ZPoolUpdate)
    .refine(
      (pools) => {
        const ids = pools.flatMap((pool) => (pool.id ? [pool.id] : []));
        return new Set(ids).size === ids.length;
      },
      { error: 'A mesma piscina aparece duas vezes.' },
    )
    .optional(),
});
export type TUpdateClientInput = z.output<typeof ZUpdateClientInput>;

export const ZClientIdInput = z.object({ id: ZClientId });

export const CLIENT_SORTS = ['name', 'createdAt'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

export const ZListClientsInput = z
  .object({
    /** Words over name, CPF/CNPJ, phone and e-mail; case, accents and masks do not matter. */
    search: z.string().trim().max(100, { error: 'Busca longa demais (até 100 caracteres).' }).optional(),
    active: z.boolean().optional(),
    poolType: ZPoolType.optional(),
    includeArchived: z.boolean().default(false),
    sort: z.enum(CLIENT_SORTS, { error: 'Ordenação inválida.' }).default('name'),
    /** Default: A→Z by name, newest first by creation. */
    direction: z.enum(['asc', 'desc'], { error: 'Direção inválida.' }).optional(),
    page: z
      .int({ error: 'Página inválida.' })
      .min(1, { error: 'Página inválida.' })
      .max(1_000_000)
      .default(1),
    pageSize: z
      .int({ error: 'Tamanho de página inválido.' })
      .min(1, { error: 'Tamanho de página inválido.' })
      .max(CLIENT_PAGE_SIZE_MAX, { error: `No máximo ${CLIENT_PAGE_SIZE_MAX} por página.` })
      .default(20),
  })
  .prefault({});
export type TListClientsInput = z.output<typeof ZListClientsInput>;

/** The list's direction when none is given: A→Z by name, newest first by creation. */
export function clientListDirection(input: Pick<TListClientsInput, 'sort' | 'direction'>): 'asc' | 'desc' {
  return input.direction ?? (input.sort === 'name' ? 'asc' : 'desc');
}

// ---------------------------------------------------------------------------------------------------------
// Outputs: what `get` and `list` answer (built from a row by toClientView in view.ts).

export const ZPoolView = z.object({
  id: z.string(),
  label: z.string().nullable(),
  type: z.enum(POOL_TYPES),
  volumeLiters: z.number().int().nullable(),
  location: z.enum(POOL_LOCATIONS),
  heated: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PoolView = z.output<typeof ZPoolView>;

export const ZClientView = z.object({
  id: z.string(),
  name: z.string(),
  ...ZContactView.shape,
  email: z.string().nullable(),
  address: ZAddressView,
  notes: z.string().nullable(),
  active: z.boolean(),
  /** Set when archived: hidden from lists, kept for history and restore. */
  deletedAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** The client's pools (removed pools left out), oldest first. */
  pools: z.array(ZPoolView),
});
export type ClientView = z.output<typeof ZClientView>;

export const ZClientPage = z.object({
  items: z.array(ZClientView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** 0 when nothing matches. */
  pageCount: z.number().int(),
});
export type ClientPage = z.output<typeof ZClientPage>;
