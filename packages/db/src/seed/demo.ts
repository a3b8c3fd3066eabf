import type { EntityManager } from '@mikro-orm/knex';
import {
  User,
  type Appointment,
  type AppointmentStatus,
  type Client,
  type FinanceEntry,
  type Membership,
  type Organization,
  type PaymentMethod,
  type PoolType,
} from '../entities';
import { createFixtures, type Fixtures } from './fixtures';

export const DEMO_EMAIL = 'demo@picineiros.com.br';
export const DEMO_PASSWORD = 'piscina-limpa-2026';

export type DemoSeedResult = { created: boolean; email: string; password: string };

export type SeedTools = {
  hashPassword: (password: string) => Promise<string>;
  /** The API's folding of a client's searchable fields (`nameKey`, `searchText`). */
  clientSearchColumns: (client: {
    name: string;
    email?: string | null;
    document?: string | null;
    phone?: string | null;
  }) => { nameKey: string; searchText: string };
  /** "Today"; the demo's visits and receivables are laid around it. */
  now?: () => Date;
};

/**
 * Seeds the demo organization once — its owner, about 40 clients with their pools, three months of visits
 * and receivables paid, pending and overdue — so the product looks alive on first start. Later starts
 * find the owner and change nothing. Everything goes through the ORM in one transaction, so the rows get
 * their sync versions and audit entries like any other change.
 */
export async function seedDemo(em: EntityManager, tools: SeedTools): Promise<DemoSeedResult> {
  const result = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  if (await em.count(User, { email: DEMO_EMAIL })) return { created: false, ...result };
  const passwordHash = await tools.hashPassword(DEMO_PASSWORD);
  const fixtures = createFixtures(tools);
  await em.transactional(async (tx) => {
    const organization = fixtures.seedOrganization(tx, {
      name: 'Piscinas Azul Demonstração',
      document: '11222333000181',
    });
    const membership = fixtures.seedMember(tx, organization, {
      email: DEMO_EMAIL,
      name: 'Marina Souza',
      passwordHash,
      emailVerifiedAt: new Date(),
      role: 'owner',
    });
    seedDemoData(tx, fixtures, organization, membership, tools);
    await tx.flush();
  });
  return { created: true, ...result };
}

// A small deterministic generator (mulberry32): the demo and the bench data are the same on every machine.
export function randomGenerator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (probability: number) => next() < probability,
  };
}
export type Random = ReturnType<typeof randomGenerator>;

function checkDigit(digits: number[], weights: number[]): number {
  const sum = digits.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** A valid CPF (11 digits, check digits computed), never one of the all-same-digit ones. */
export function generateCpf(random: Random): string {
  const base = Array.from({ length: 9 }, () => random.int(0, 9));
  if (base.every((digit) => digit === base[0])) base[8] = ((base[0] ?? 0) + 1) % 10;
  const first = checkDigit(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit([...base, first], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [...base, first, second].join('');
}

/** A valid numeric CNPJ (14 digits): 8 random digits, branch 0001, check digits. */
export function generateCnpj(random: Random): string {
  const base = [...Array.from({ length: 8 }, () => random.int(0, 9)), 0, 0, 0, 1];
  const first = checkDigit(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit([...base, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [...base, first, second].join('');
}

const FIRST_NAMES = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Eduarda',
  'Fábio',
  'Gabriela',
  'Henrique',
  'Isabela',
  'João',
  'Larissa',
  'Marcelo',
  'Natália',
  'Otávio',
  'Patrícia',
  'Rafael',
  'Sílvia',
  'Thiago',
  'Vânia',
  'Wagner',
  'Beatriz',
  'Caio',
  'Débora',
  'Felipe',
  'Helena',
  'Lúcia',
  'Renato',
  'Simone',
  'Túlio',
  'Yasmin',
] as const;
const LAST_NAMES = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Ribeiro',
  'Carvalho',
  'Araújo',
  'Melo',
  'Barbosa',
  'Castro',
  'Conceição',
  'Fonseca',
  'Assunção',
  'Brandão',
] as const;
const COMPANIES = [
  'Condomínio Residencial Jardim das Palmeiras',
  'Academia Corpo em Movimento',
  'Hotel Fazenda Águas Claras',
  'Clube Recreativo Vila Nova',
  'Condomínio Parque dos Ipês',
  'Pousada Recanto do Sol',
  'Escola de Natação Golfinho',
  'Condomínio Solar de Itapuã',
  'Spa Bem-Estar Serra Verde',
  'Associação dos Moradores do Alphaville',
] as const;
const ADDRESSES = [
  {
    city: 'São Paulo',
    ddd: '11',
    cepPrefix: '04',
    districts: ['Moema', 'Vila Mariana', 'Morumbi', 'Pinheiros'],
  },
  { city: 'Campinas', ddd: '19', cepPrefix: '13', districts: ['Cambuí', 'Taquaral', 'Barão Geraldo'] },
  { city: 'Santos', ddd: '13', cepPrefix: '11', districts: ['Gonzaga', 'Boqueirão', 'Ponta da Praia'] },
  { city: 'Sorocaba', ddd: '15', cepPrefix: '18', districts: ['Campolim', 'Jardim Europa'] },
  { city: 'São José dos Campos', ddd: '12', cepPrefix: '12', districts: ['Urbanova', 'Jardim Aquarius'] },
] as const;
const STREETS = [
  'Rua das Acácias',
  'Avenida Brasil',
  'Rua Tiradentes',
  'Alameda dos Anjos',
  'Rua Sete de Setembro',
  'Avenida Paulista',
  'Rua Dom Pedro II',
  'Rua das Hortênsias',
  'Avenida das Nações',
  'Rua Santos Dumont',
] as const;
const POOL_TYPES: readonly PoolType[] = ['fiberglass', 'fiberglass', 'vinyl', 'masonry', 'masonry', 'other'];
const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'pix',
  'pix',
  'pix',
  'bank_transfer',
  'boleto',
  'cash',
  'card',
];
const VISIT_NOTES = [
  'Aspiração e escovação das bordas.',
  'Tratamento de choque: água esverdeada.',
  'Troca do elemento filtrante.',
  'Ajuste de pH e alcalinidade.',
  'Limpeza do skimmer e da casa de máquinas.',
] as const;

function localDateOf(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** An instant on a local date in São Paulo (UTC-3 all year since 2019), at the given local hour. */
function instantOn(date: string, hour: number): Date {
  return new Date(`${date}T${String(hour + 3).padStart(2, '0')}:00:00Z`);
}

// The platform's pt-BR month names ('março'), read as UTC like the due dates.
const monthName = new Intl.DateTimeFormat('pt-BR', { month: 'long', timeZone: 'UTC' });

function seedDemoData(
  em: EntityManager,
  fixtures: Fixtures,
  organization: Organization,
  owner: Membership,
  tools: SeedTools,
): void {
  const random = randomGenerator(2026);
  const today = localDateOf(tools.now?.() ?? new Date(), organization.timezone);
  const firstVisitDay = addDays(today, -62);
  const lastVisitDay = addDays(today, 30);

  for (let index = 0; index < 40; index += 1) {
    const company = index % 4 === 3 ? COMPANIES[(index >> 2) % COMPANIES.length] : undefined;
    const name =
      company ?? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const place = random.pick(ADDRESSES);
    const firstName = name.split(' ')[0] ?? 'cliente';
    const document = company ? generateCnpj(random) : generateCpf(random);
    const phone = `${place.ddd}9${random.int(6000, 9999)}${random.int(1000, 9999)}`;
    // Reserved .example domains (RFC 2606): demo reminders must never reach a real inbox, even with SMTP on.
    const email = company
      ? `contato${index}@${(company.split(' ').at(-1) ?? 'empresa').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}.example`
      : `${firstName.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}.${index}@clientes.example`;
    const client = fixtures.seedClient(em, organization, {
      name,
      document,
      phone,
      email,
      cep: `${place.cepPrefix}${random.int(100, 999)}${random.int(100, 999)}`,
      street: random.pick(STREETS),
      streetNumber: String(random.int(10, 2500)),
      complement: company ? null : random.chance(0.3) ? `Casa ${random.int(1, 4)}` : null,
      district: random.pick(place.districts),
      city: place.city,
      uf: 'SP',
      notes: random.chance(0.25) ? 'Chave com o porteiro. Cachorro no quintal.' : null,
      active: index % 13 !== 12,
      pools: Array.from(
        { length: company ? random.int(1, 3) : random.chance(0.2) ? 2 : 1 },
        (_, poolIndex) => ({
          label: poolIndex === 0 ? (company ? 'Adulto' : null) : 'Infantil',
          type: random.pick(POOL_TYPES),
          volumeLiters: poolIndex === 0 ? random.int(15, 120) * 1000 : random.int(3, 12) * 1000,
          location: random.chance(0.2) ? 'indoor' : 'outdoor',
          heated: random.chance(0.3),
          notes: random.chance(0.2) ? 'Bomba de 1/2 cv; filtro de areia.' : null,
        }),
      ),
    });
    const pools = client.pools.getItems();
    if (!client.active) continue;

    // Weekly or fortnightly visits on the client's day, over the last two months and the next one.
    const price = (company ? random.int(25, 45) : random.int(12, 25)) * 1000;
    const weekday = random.int(1, 6);
    const step = company || random.chance(0.6) ? 7 : 14;
    let date = firstVisitDay;
    while (weekdayOf(date) !== weekday) date = addDays(date, 1);
    for (; date <= lastVisitDay; date = addDays(date, step)) {
      const past = date < today;
      const status: AppointmentStatus = past
        ? random.chance(0.08)
          ? 'cancelled'
          : 'done'
        : date === today || random.chance(0.5)
          ? 'confirmed'
          : 'pending';
      const appointment = fixtures.seedAppointment(em, client, {
        pool: random.pick(pools),
        date,
        startTime: `${String(random.int(7, 16)).padStart(2, '0')}:${random.pick(['00', '30'])}`,
        durationMinutes: company ? 90 : 60,
        assignee: random.chance(0.8) ? owner : null,
        status,
        notes: status === 'done' && random.chance(0.4) ? random.pick(VISIT_NOTES) : null,
        priceCents: company || step === 14 ? price : null,
      });
      // Fortnightly and company visits are billed one by one; the others pay a monthly fee below.
      if (status === 'done' && appointment.priceCents) {
        const dueDate = addDays(date, 7);
        seedReceivable(em, fixtures, random, today, client, {
          appointment,
          description: `Atendimento de ${date.split('-').reverse().join('/')}`,
          amountCents: appointment.priceCents,
          dueDate,
        });
      }
    }
    if (!company && step === 7) {
      for (let monthsAgo = 2; monthsAgo >= 0; monthsAgo -= 1) {
        const [year, month] = today.split('-').map(Number) as [number, number];
        const due = new Date(Date.UTC(year, month - 1 - monthsAgo, 10));
        const dueDate = due.toISOString().slice(0, 10);
        seedReceivable(em, fixtures, random, today, client, {
          appointment: null,
          description: `Mensalidade de ${monthName.format(due)} de ${due.getUTCFullYear()}`,
          amountCents: price * 4,
          dueDate,
        });
      }
    }
  }
}

/** Mostly paid when due, some paid late, some still open: past due ones are the overdue of the demo. */
function seedReceivable(
  em: EntityManager,
  fixtures: Fixtures,
  random: Random,
  today: string,
  client: Client,
  data: Pick<FinanceEntry, 'description' | 'amountCents' | 'dueDate'> & { appointment: Appointment | null },
): void {
  const paidOn = addDays(data.dueDate, random.int(-5, 8));
  const paid = paidOn < today && random.chance(0.8);
  fixtures.seedFinanceEntry(em, client, {
    ...data,
    status: paid ? 'paid' : 'pending',
    paidAt: paid ? instantOn(paidOn, random.int(8, 20)) : null,
    paymentMethod: paid ? random.pick(PAYMENT_METHODS) : null,
  });
}
