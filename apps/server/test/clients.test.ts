import { Client, Pool } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  bulkFixtures,
  errorOf,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';
import { indexesUsedBy, plansOfCall, sequentialScansOf } from './query-plans';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// Valid documents (check digits computed): CPFs and CNPJs, one alphanumeric.
const CPF_A = '529.982.247-25';
const CPF_B = '111.444.777-35';
const CPF_C = '390.533.447-05';
const CNPJ_A = '11.222.333/0001-81';
const CNPJ_ALPHANUMERIC = '12.ABC.345/01DE-35';

type CreateInput = Parameters<SignedIn['client']['clients']['create']['mutate']>[0];

function newClient(overrides: Partial<CreateInput> = {}): CreateInput {
  return {
    name: 'Cliente Teste',
    pools: [{ type: 'fiberglass' }],
    ...overrides,
  };
}

/** Rows of the clients and pools tables, straight from the database (to prove a refused call changed nothing). */
async function snapshot(orgId: string) {
  const em = server.database.fork();
  const options = { filters: false, orderBy: { id: 'asc' } } as const;
  const clients = await em.find(Client, { organization: orgId }, options);
  const pools = await em.find(Pool, { organization: orgId }, options);
  const strip = (row: object) => JSON.parse(JSON.stringify(row)) as unknown;
  return { clients: clients.map(strip), pools: pools.map(strip) };
}

describe('clients: create and get', () => {
  it('creates a client with pools, stores documents normalized and returns them masked', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.clients.create.mutate({
      name: '  João da Silva  ',
      document: CPF_A,
      phone: '+55 (11) 98765-4321',
      email: 'Joao.Silva@Example.com',
      address: {
        cep: '01310-100',
        street: 'Avenida Paulista',
        number: '1000',
        complement: 'apto 12',
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'sp',
      },
      notes: 'Portão azul',
      pools: [
        { label: 'Adulto', type: 'vinyl', volumeLiters: 45_000, location: 'outdoor', heated: true },
        { type: 'masonry', location: 'indoor', notes: 'Cascata' },
      ],
    });

    expect(created).toMatchObject({
      name: 'João da Silva',
      document: '52998224725',
      documentType: 'cpf',
      documentMasked: '529.982.247-25',
      phone: '11987654321',
      phoneMasked: '(11) 98765-4321',
      email: 'joao.silva@example.com',
      address: {
        cep: '01310100',
        cepMasked: '01310-100',
        street: 'Avenida Paulista',
        number: '1000',
        complement: 'apto 12',
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'SP',
      },
      notes: 'Portão azul',
      active: true,
      deletedAt: null,
      version: 1,
    });
    expect(created.pools).toMatchObject([
      {
        label: 'Adulto',
        type: 'vinyl',
        volumeLiters: 45_000,
        location: 'outdoor',
        heated: true,
        notes: null,
      },
      {
        label: null,
        type: 'masonry',
        volumeLiters: null,
        location: 'indoor',
        heated: false,
        notes: 'Cascata',
      },
    ]);

    const fetched = await owner.client.clients.get.query({ id: created.id });
    expect(fetched).toEqual(created);
    // The list reads plain rows, `get` entities: the same view, field for field (booleans, dates, pools).
    expect((await owner.client.clients.list.query({})).items).toEqual([fetched]);
  });

  it('accepts a CNPJ, also an alphanumeric one, and a client with only a name and a pool', async () => {
    const owner = await signUpOwner(server);
    const company = await owner.client.clients.create.mutate(
      newClient({ name: 'Condomínio Solar', document: '11222333000181', phone: '(21) 3456-7890' }),
    );
    expect(company).toMatchObject({
      document: '11222333000181',
      documentType: 'cnpj',
      documentMasked: CNPJ_A,
      phoneMasked: '(21) 3456-7890',
    });
    const newer = await owner.client.clients.create.mutate(
      newClient({ name: 'Clube Novo', document: '12abc34501de35' }),
    );
    expect(newer).toMatchObject({ document: '12ABC34501DE35', documentMasked: CNPJ_ALPHANUMERIC });
    const minimal = await owner.client.clients.create.mutate(
      newClient({ name: 'Só Nome', document: '', phone: '', email: null }),
    );
    expect(minimal).toMatchObject({ document: null, phone: null, email: null, documentMasked: null });
    expect(minimal.address).toEqual({
      cep: null,
      cepMasked: null,
      street: null,
      number: null,
      complement: null,
      district: null,
      city: null,
      uf: null,
    });
  });
});

describe('clients: validation', () => {
  it('refuses bad input with one pt-BR message per field and creates nothing', async () => {
    const owner = await signUpOwner(server);
    const before = await snapshot(owner.orgId);
    const error = await errorOf(
      owner.client.clients.create.mutate({
        name: ' ',
        document: '529.982.247-24',
        phone: '(20) 98765-4321',
        email: 'não é e-mail',
        address: { cep: '123', uf: 'XX', street: 'R'.repeat(121) },
        notes: 'x'.repeat(2001),
        pools: [
          { type: 'jacuzzi' as 'other', volumeLiters: -5 },
          { type: 'vinyl', volumeLiters: 1.5 },
        ],
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Verifique os campos destacados.');
    const fieldErrors = error.data?.fieldErrors ?? {};
    expect(Object.keys(fieldErrors).sort()).toEqual(
      [
        'name',
        'document',
        'phone',
        'email',
        'address.cep',
        'address.uf',
        'address.street',
        'notes',
        'pools.0.type',
        'pools.0.volumeLiters',
        'pools.1.volumeLiters',
      ].sort(),
    );
    expect(fieldErrors).toMatchObject({
      name: 'Informe o nome do cliente (pelo menos 2 letras).',
      document: 'CPF inválido: confira os dígitos.',
      phone: expect.stringContaining('Telefone inválido') as string,
      email: 'Informe um e-mail válido.',
      'address.cep': expect.stringContaining('CEP inválido') as string,
      'address.uf': expect.stringContaining('UF inválida') as string,
      'address.street': 'Logradouro longo demais (até 120 caracteres).',
      notes: 'Observações longo demais (até 2000 caracteres).',
      'pools.0.type': expect.stringContaining('tipo da piscina') as string,
      'pools.0.volumeLiters': expect.stringContaining('Volume pequeno demais') as string,
      'pools.1.volumeLiters': expect.stringContaining('número inteiro') as string,
    });
    expect(await snapshot(owner.orgId)).toEqual(before);
  });

  it('says which document failed: CPF, CNPJ, or neither', async () => {
    const owner = await signUpOwner(server);
    const fieldOf = async (document: string) =>
      (await errorOf(owner.client.clients.create.mutate(newClient({ document })))).data?.fieldErrors?.[
        'document'
      ];
    expect(await fieldOf('111.111.111-11')).toBe('CPF inválido: confira os dígitos.');
    expect(await fieldOf('11.222.333/0001-82')).toBe('CNPJ inválido: confira os dígitos.');
    expect(await fieldOf('12345')).toBe('Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).');
  });

  it('refuses NUL characters, which Postgres cannot store, instead of failing with a 500', async () => {
    const owner = await signUpOwner(server);
    const error = await errorOf(
      owner.client.clients.create.mutate(
        newClient({
          name: 'Nome\u0000',
          notes: 'a\u0000b',
          address: { city: '\u0000' },
          pools: [{ type: 'vinyl', label: 'x\u0000' }],
        }),
      ),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(
      ['address.city', 'name', 'notes', 'pools.0.label'].sort(),
    );
  });

  it('requires at least one pool and limits them', async () => {
    const owner = await signUpOwner(server);
    const none = await errorOf(owner.client.clients.create.mutate(newClient({ pools: [] })));
    expect(none.data?.fieldErrors).toEqual({ pools: 'Cadastre pelo menos uma piscina.' });
    const many = await errorOf(
      owner.client.clients.create.mutate(
        newClient({ pools: Array.from({ length: 21 }, () => ({ type: 'other' as const })) }),
      ),
    );
    expect(many.data?.fieldErrors).toEqual({ pools: 'No máximo 20 piscinas por cliente.' });
  });

  it('answers wrong types and malformed ids with BAD_REQUEST, never a 500', async () => {
    const owner = await signUpOwner(server);
    const calls = [
      () => owner.client.clients.create.mutate({ name: 42 } as unknown as CreateInput),
      () => owner.client.clients.create.mutate(null as unknown as CreateInput),
      () => owner.client.clients.get.query({ id: 'not-a-uuid' }),
      () => owner.client.clients.update.mutate({ id: '1', name: 'X' }),
      () => owner.client.clients.archive.mutate({ id: '' }),
      () => owner.client.clients.list.query({ page: 0 }),
      () => owner.client.clients.list.query({ pageSize: 1000 }),
      () => owner.client.clients.list.query({ search: 'a'.repeat(101) }),
      () => owner.client.clients.list.query({ sort: 'document' as 'name' }),
    ];
    for (const call of calls) expect((await errorOf(call())).data?.code).toBe('BAD_REQUEST');
  });

  it('refuses a CPF/CNPJ already used by another active client of the organization', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    await owner.client.clients.create.mutate(newClient({ name: 'Primeiro', document: CPF_B }));
    // Another organization may have the same client.
    await other.client.clients.create.mutate(newClient({ name: 'Primeiro', document: CPF_B }));
    const before = await snapshot(owner.orgId);
    const duplicate = await errorOf(
      owner.client.clients.create.mutate(newClient({ name: 'Segundo', document: '11144477735' })),
    );
    expect(duplicate.data?.code).toBe('BAD_REQUEST');
    expect(duplicate.data?.fieldErrors).toEqual({ document: 'Já existe um cliente com este CPF/CNPJ.' });
    expect(await snapshot(owner.orgId)).toEqual(before);
  });
});

describe('clients: search, filters, sort and pagination', () => {
  let owner: SignedIn;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    owner = await signUpOwner(server);
    const rows: CreateInput[] = [
      newClient({
        name: 'João da Silva',
        document: CPF_A,
        phone: '(11) 98765-4321',
        email: 'jsilva@example.com',
        pools: [{ type: 'vinyl' }],
      }),
      newClient({ name: 'JOÃO PEREIRA', phone: '(21) 3456-7890', pools: [{ type: 'fiberglass' }] }),
      newClient({
        name: 'Maria Conceição',
        document: CNPJ_A,
        email: 'maria_conceicao@piscinas.com.br',
        pools: [{ type: 'masonry' }, { type: 'vinyl' }],
      }),
      newClient({ name: 'Álvaro Gonçalves', document: CPF_C, active: false, pools: [{ type: 'other' }] }),
      newClient({ name: 'Beatriz Joanópolis', pools: [{ type: 'fiberglass' }] }),
    ];
    for (const row of rows) ids[row.name] = (await owner.client.clients.create.mutate(row)).id;
    // Noise in another organization: never listed.
    const stranger = await signUpOwner(server);
    await stranger.client.clients.create.mutate(newClient({ name: 'João Estranho', document: CPF_A }));
  });

  const namesOf = async (input: Parameters<SignedIn['client']['clients']['list']['query']>[0]) =>
    (await owner.client.clients.list.query(input)).items.map((client) => client.name);

  it('ignores case and accents: "joao" finds João and JOÃO, and so do "JOÃO" and "João"', async () => {
    for (const search of ['joao', 'JOAO', 'João', 'JOÃO', 'jOãO']) {
      expect(await namesOf({ search })).toEqual(['João da Silva', 'JOÃO PEREIRA']);
    }
    expect(await namesOf({ search: 'conceicao' })).toEqual(['Maria Conceição']);
    expect(await namesOf({ search: 'CONCEIÇÃO' })).toEqual(['Maria Conceição']);
    expect(await namesOf({ search: 'alvaro goncalves' })).toEqual(['Álvaro Gonçalves']);
    expect(await namesOf({ search: 'joa' })).toEqual(['Beatriz Joanópolis', 'João da Silva', 'JOÃO PEREIRA']);
  });

  it('matches every word, anywhere in the name', async () => {
    expect(await namesOf({ search: 'silva joão' })).toEqual(['João da Silva']);
    expect(await namesOf({ search: 'joão maria' })).toEqual([]);
  });

  it('finds CPF/CNPJ with or without mask, and partial documents', async () => {
    for (const search of [CPF_A, '52998224725', '529.982', '98224']) {
      expect(await namesOf({ search })).toEqual(['João da Silva']);
    }
    for (const search of [CNPJ_A, '11222333000181', '0001-81']) {
      expect(await namesOf({ search })).toEqual(['Maria Conceição']);
    }
  });

  it('finds phones however they are typed', async () => {
    for (const search of ['(11) 98765-4321', '11987654321', '98765-4321', '98765 4321']) {
      expect(await namesOf({ search })).toEqual(['João da Silva']);
    }
    expect(await namesOf({ search: '3456-7890' })).toEqual(['JOÃO PEREIRA']);
  });

  it('finds e-mails, whole or in part, in any case', async () => {
    expect(await namesOf({ search: 'JSILVA@example.com' })).toEqual(['João da Silva']);
    expect(await namesOf({ search: 'maria_conceicao@' })).toEqual(['Maria Conceição']);
    expect(await namesOf({ search: 'piscinas.com' })).toEqual(['Maria Conceição']);
  });

  it('treats LIKE wildcards as plain text and a blank search as no search', async () => {
    expect(await namesOf({ search: '%' })).toHaveLength(5);
    expect(await namesOf({ search: '_' })).toHaveLength(5);
    expect(await namesOf({ search: 'jo%o' })).toEqual([]);
    expect(await namesOf({ search: '   ' })).toHaveLength(5);
  });

  it('filters by active flag and pool type, and combines filters with search', async () => {
    expect(await namesOf({ active: false })).toEqual(['Álvaro Gonçalves']);
    expect(await namesOf({ active: true })).toHaveLength(4);
    expect(await namesOf({ poolType: 'vinyl' })).toEqual(['João da Silva', 'Maria Conceição']);
    expect(await namesOf({ poolType: 'fiberglass', search: 'joao' })).toEqual(['JOÃO PEREIRA']);
    expect(await namesOf({ poolType: 'other', active: true })).toEqual([]);
  });

  it('sorts by name ignoring accents and case, either way, and by creation', async () => {
    const byName = [
      'Álvaro Gonçalves',
      'Beatriz Joanópolis',
      'João da Silva',
      'JOÃO PEREIRA',
      'Maria Conceição',
    ];
    expect(await namesOf({})).toEqual(byName);
    expect(await namesOf({ sort: 'name', direction: 'desc' })).toEqual([...byName].reverse());
    const byCreation = [
      'João da Silva',
      'JOÃO PEREIRA',
      'Maria Conceição',
      'Álvaro Gonçalves',
      'Beatriz Joanópolis',
    ];
    expect(await namesOf({ sort: 'createdAt' })).toEqual([...byCreation].reverse());
    expect(await namesOf({ sort: 'createdAt', direction: 'asc' })).toEqual(byCreation);
  });

  it('returns each client with its pools', async () => {
    const page = await owner.client.clients.list.query({ search: 'maria' });
    expect(page.items[0]?.pools.map((pool) => pool.type)).toEqual(['masonry', 'vinyl']);
    expect(page.items[0]?.documentMasked).toBe(CNPJ_A);
  });

  it('paginates with a total', async () => {
    const paged = await signUpOwner(server);
    for (let index = 1; index <= 23; index += 1) {
      await paged.client.clients.create.mutate(
        newClient({ name: `Cliente ${String(index).padStart(2, '0')}`, active: index % 2 === 0 }),
      );
    }
    const first = await paged.client.clients.list.query({ pageSize: 10 });
    expect(first).toMatchObject({ total: 23, page: 1, pageSize: 10, pageCount: 3 });
    expect(first.items.map((client) => client.name)[0]).toBe('Cliente 01');
    const last = await paged.client.clients.list.query({ pageSize: 10, page: 3 });
    expect(last.items.map((client) => client.name)).toEqual(['Cliente 21', 'Cliente 22', 'Cliente 23']);
    const beyond = await paged.client.clients.list.query({ pageSize: 10, page: 4 });
    expect(beyond).toMatchObject({ items: [], total: 23, pageCount: 3 });
    const filtered = await paged.client.clients.list.query({ pageSize: 5, page: 2, active: true });
    expect(filtered).toMatchObject({ total: 11, pageCount: 3 });
    expect(filtered.items.map((client) => client.name)).toEqual([
      'Cliente 12',
      'Cliente 14',
      'Cliente 16',
      'Cliente 18',
      'Cliente 20',
    ]);
    // Both words, anywhere: 'cliente' and a '1' (01, 10 to 19, 21).
    const searched = await paged.client.clients.list.query({ pageSize: 5, search: 'cliente 1' });
    expect(searched).toMatchObject({ total: 12, pageCount: 3 });

    // Every page, walked in order, lists every client once.
    const seen: string[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const result = await paged.client.clients.list.query({ pageSize: 5, page, sort: 'createdAt' });
      seen.push(...result.items.map((client) => client.id));
    }
    expect(new Set(seen).size).toBe(23);
  });
});

describe('clients: update', () => {
  it('changes only the fields given; null or blank clears; address fields left out stay', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.clients.create.mutate(
      newClient({
        name: 'Carla Souza',
        document: CPF_B,
        phone: '11987654321',
        email: 'carla@example.com',
        address: { cep: '01310100', street: 'Rua A', number: '10', city: 'São Paulo', uf: 'SP' },
        notes: 'Cachorro bravo',
      }),
    );
    const updated = await owner.client.clients.update.mutate({
      id: created.id,
      name: 'Carla Souza Lima',
      phone: null,
      email: '',
      address: { number: '12', complement: 'fundos' },
    });
    expect(updated).toMatchObject({
      name: 'Carla Souza Lima',
      document: '11144477735',
      phone: null,
      phoneMasked: null,
      email: null,
      notes: 'Cachorro bravo',
      address: { cep: '01310100', street: 'Rua A', number: '12', complement: 'fundos', city: 'São Paulo' },
      version: 2,
    });
    expect(await owner.client.clients.get.query({ id: created.id })).toEqual(updated);
    // The search follows the new name.
    const found = await owner.client.clients.list.query({ search: 'souza lima' });
    expect(found.items.map((client) => client.id)).toEqual([created.id]);
  });

  it('adds, changes and removes pools; a removed pool is archived, not deleted', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.clients.create.mutate(
      newClient({
        pools: [
          { label: 'Adulto', type: 'vinyl', volumeLiters: 30_000 },
          { label: 'Infantil', type: 'fiberglass', volumeLiters: 2_000 },
        ],
      }),
    );
    const [adult, kids] = created.pools;
    if (!adult || !kids) throw new Error('pools missing');
    const updated = await owner.client.clients.update.mutate({
      id: created.id,
      pools: [
        { id: adult.id, label: 'Adulto', type: 'masonry', volumeLiters: 32_000, heated: true },
        { label: 'Spa', type: 'other', location: 'indoor', volumeLiters: 1_500 },
      ],
    });
    expect(updated.pools).toMatchObject([
      { id: adult.id, label: 'Adulto', type: 'masonry', volumeLiters: 32_000, heated: true },
      { label: 'Spa', type: 'other', location: 'indoor' },
    ]);
    expect((await owner.client.clients.get.query({ id: created.id })).pools).toEqual(updated.pools);

    const em = server.database.fork();
    const removed = await em.findOne(Pool, { id: kids.id }, { filters: false });
    expect(removed?.deletedAt).toBeInstanceOf(Date);
    // The pool-type filter ignores removed pools.
    const byType = await owner.client.clients.list.query({ poolType: 'fiberglass' });
    expect(byType.total).toBe(0);
  });

  it('refuses a pool of another client or of another organization with NOT_FOUND and changes nothing', async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const mine = await owner.client.clients.create.mutate(newClient({ name: 'Meu' }));
    const sibling = await owner.client.clients.create.mutate(newClient({ name: 'Vizinho' }));
    const theirs = await stranger.client.clients.create.mutate(newClient({ name: 'Deles' }));
    const before = await snapshot(owner.orgId);
    for (const poolId of [sibling.pools[0]?.id, theirs.pools[0]?.id, crypto.randomUUID()]) {
      const error = await errorOf(
        owner.client.clients.update.mutate({
          id: mine.id,
          name: 'Mudado',
          pools: [{ id: poolId, type: 'vinyl' }],
        }),
      );
      expect(error.data?.code).toBe('NOT_FOUND');
    }
    expect(await snapshot(owner.orgId)).toEqual(before);
  });

  it('refuses bad fields, an empty pool list and a repeated pool, and changes nothing', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.clients.create.mutate(newClient({ document: CPF_C }));
    const before = await snapshot(owner.orgId);
    const bad = await errorOf(
      owner.client.clients.update.mutate({ id: created.id, name: 'Novo nome', phone: '123', pools: [] }),
    );
    expect(bad.data?.fieldErrors).toMatchObject({
      phone: expect.stringContaining('Telefone inválido') as string,
      pools: 'Cadastre pelo menos uma piscina.',
    });
    const poolId = created.pools[0]?.id;
    const repeated = await errorOf(
      owner.client.clients.update.mutate({
        id: created.id,
        pools: [
          { id: poolId, type: 'vinyl' },
          { id: poolId, type: 'other' },
        ],
      }),
    );
    expect(repeated.data?.fieldErrors).toEqual({ pools: 'A mesma piscina aparece duas vezes.' });
    const other = await owner.client.clients.create.mutate(newClient({ name: 'Outro' }));
    const after = await snapshot(owner.orgId);
    const taken = await errorOf(owner.client.clients.update.mutate({ id: other.id, document: CPF_C }));
    expect(taken.data?.fieldErrors).toEqual({ document: 'Já existe um cliente com este CPF/CNPJ.' });
    expect(await snapshot(owner.orgId)).toEqual(after);
    expect(after.clients).toContainEqual(before.clients[0]);
  });

  it('refuses a stale version with CONFLICT', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.clients.create.mutate(newClient());
    await owner.client.clients.update.mutate({ id: created.id, version: created.version, name: 'Primeira' });
    const stale = await errorOf(
      owner.client.clients.update.mutate({ id: created.id, version: created.version, name: 'Segunda' }),
    );
    expect(stale.data?.code).toBe('CONFLICT');
    expect((await owner.client.clients.get.query({ id: created.id })).name).toBe('Primeira');
  });
});

describe('clients: archive and restore', () => {
  it('hides archived clients from lists unless asked, keeps them readable, and restores them', async () => {
    const owner = await signUpOwner(server);
    const kept = await owner.client.clients.create.mutate(newClient({ name: 'Fica' }));
    const gone = await owner.client.clients.create.mutate(newClient({ name: 'Sai', document: CPF_A }));

    const archived = await owner.client.clients.archive.mutate({ id: gone.id });
    expect(archived.deletedAt).toBeInstanceOf(Date);
    expect(archived.pools).toHaveLength(1);
    // Archiving twice is harmless.
    expect((await owner.client.clients.archive.mutate({ id: gone.id })).deletedAt).toEqual(
      archived.deletedAt,
    );

    const visible = await owner.client.clients.list.query({});
    expect(visible.items.map((client) => client.id)).toEqual([kept.id]);
    expect(visible.total).toBe(1);
    expect((await owner.client.clients.list.query({ search: 'sai' })).total).toBe(0);
    const all = await owner.client.clients.list.query({ includeArchived: true });
    expect(all.items.map((client) => client.name)).toEqual(['Fica', 'Sai']);
    expect((await owner.client.clients.get.query({ id: gone.id })).deletedAt).toEqual(archived.deletedAt);

    const refused = await errorOf(owner.client.clients.update.mutate({ id: gone.id, name: 'Editado' }));
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe('Este cliente está arquivado. Restaure-o antes de alterá-lo.');

    // An archived client's CPF may be reused; restoring it then would duplicate it.
    const reuse = await owner.client.clients.create.mutate(newClient({ name: 'Novo', document: CPF_A }));
    const conflict = await errorOf(owner.client.clients.restore.mutate({ id: gone.id }));
    expect(conflict.data?.code).toBe('CONFLICT');
    await owner.client.clients.archive.mutate({ id: reuse.id });

    const restored = await owner.client.clients.restore.mutate({ id: gone.id });
    expect(restored).toMatchObject({ deletedAt: null, name: 'Sai' });
    expect(restored.pools).toEqual(gone.pools);
    expect((await owner.client.clients.list.query({})).items.map((client) => client.name)).toEqual([
      'Fica',
      'Sai',
    ]);
  });

  it('lets every role create, update, archive and restore clients', async () => {
    const owner = await signUpOwner(server);
    for (const role of ['staff', 'admin'] as const) {
      const member = await addMember(server, owner.orgId, role);
      const created = await member.client.clients.create.mutate(newClient({ name: `Por ${role}` }));
      await member.client.clients.update.mutate({ id: created.id, notes: 'ok' });
      await member.client.clients.archive.mutate({ id: created.id });
      expect((await member.client.clients.restore.mutate({ id: created.id })).notes).toBe('ok');
    }
    expect((await owner.client.clients.list.query({})).total).toBe(2);
  });
});

describe('clients: tenant isolation', () => {
  it("answers NOT_FOUND for another organization's client on every procedure and changes nothing", async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const target = await owner.client.clients.create.mutate(
      newClient({ name: 'Cliente Alvo', document: CPF_B, pools: [{ type: 'vinyl' }] }),
    );
    const archivedTarget = await owner.client.clients.create.mutate(newClient({ name: 'Arquivado Alvo' }));
    await owner.client.clients.archive.mutate({ id: archivedTarget.id });
    const before = await snapshot(owner.orgId);

    const calls = [
      () => stranger.client.clients.get.query({ id: target.id }),
      () => stranger.client.clients.update.mutate({ id: target.id, name: 'Invadido' }),
      () =>
        stranger.client.clients.update.mutate({
          id: target.id,
          pools: [{ id: target.pools[0]?.id, type: 'other' }],
        }),
      () => stranger.client.clients.archive.mutate({ id: target.id }),
      () => stranger.client.clients.restore.mutate({ id: archivedTarget.id }),
    ];
    for (const call of calls) expect((await errorOf(call())).data?.code).toBe('NOT_FOUND');

    const listed = await stranger.client.clients.list.query({ includeArchived: true, search: 'alvo' });
    expect(listed).toMatchObject({ items: [], total: 0 });
    // The stranger may register the same CPF in their own organization.
    await stranger.client.clients.create.mutate(newClient({ document: CPF_B }));
    expect(await snapshot(owner.orgId)).toEqual(before);
  });

  it('answers NOT_FOUND for an id that does not exist', async () => {
    const owner = await signUpOwner(server);
    const id = crypto.randomUUID();
    expect((await errorOf(owner.client.clients.get.query({ id }))).data?.code).toBe('NOT_FOUND');
    expect((await errorOf(owner.client.clients.restore.mutate({ id }))).data?.code).toBe('NOT_FOUND');
  });
});

describe.runIf(process.env['TEST_DIALECT'] === 'postgresql')('clients: indexes (EXPLAIN on Postgres)', () => {
  it('serves every list filter and sort from an index, never a sequential scan', async () => {
    const owner = await signUpOwner(server);
    const others = [await signUpOwner(server), await signUpOwner(server), await signUpOwner(server)];
    // Enough rows in several organizations for the statistics to mean something.
    const em = server.database.fork();
    for (const orgId of [owner.orgId, ...others.map((other) => other.orgId)]) {
      const types = ['fiberglass', 'vinyl', 'masonry', 'other'] as const;
      const clients = Array.from({ length: 1000 }, (_, index) =>
        bulkFixtures.seedClient(em, orgId, {
          name: `Cliente ${index}`,
          email: `c${index}@example.com`,
          active: index % 10 !== 0,
          deletedAt: index % 50 === 0 ? new Date() : null,
          pools: [{ type: types[index % 4] ?? 'other' }],
        }),
      );
      await em.insertMany(Client, clients);
      await em.insertMany(
        Pool,
        clients.flatMap((client) => client.pools.getItems()),
      );
    }
    await em.execute('analyze clients');
    await em.execute('analyze pools');

    const cases: [Parameters<SignedIn['client']['clients']['list']['query']>[0], string[]][] = [
      [{}, ['clients_organization_id_name_key_index']],
      [{ sort: 'name', direction: 'desc' }, ['clients_organization_id_name_key_index']],
      [{ sort: 'createdAt' }, ['clients_organization_id_created_at_index']],
      [{ active: false }, ['clients_organization_id_active_name_key_deleted_at_index']],
      [
        { includeArchived: true, sort: 'createdAt', direction: 'asc' },
        ['clients_organization_id_created_at_index'],
      ],
      [{ poolType: 'vinyl' }, ['pools_organization_id_type_client_id_index']],
      [{ search: 'cliente 42' }, []],
      [
        { search: 'cliente 3', poolType: 'other', active: true },
        ['pools_organization_id_type_client_id_index'],
      ],
    ];
    for (const [input, indexes] of cases) {
      const plans = await plansOfCall(
        server.database,
        () => owner.client.clients.list.query(input),
        /^select .* from "(clients|pools)"/i,
      );
      // The page with its total (a scalar subquery of the same statement), and the page's pools.
      expect(plans.length, JSON.stringify(input)).toBe(2);
      for (const plan of plans)
        expect(sequentialScansOf([plan]), `${JSON.stringify(input)}: ${plan.sql}`).toEqual([]);
      const used = indexesUsedBy(plans);
      for (const index of indexes) expect([...used], JSON.stringify(input)).toContain(index);
      expect([...used], JSON.stringify(input)).toContain('pools_client_id_index');
    }
  });
});
