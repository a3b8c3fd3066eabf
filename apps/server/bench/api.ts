// `pnpm bench:api`: the API's hot reads under load, against the same SQL run through a bare `pg` client.
//
// 1. Seeds a Postgres database: one organization with 10 000 clients (one pool each), 50 000 appointments
//    and 50 000 finance entries, plus 200 other organizations of noise (50 clients, 250 appointments and
//    250 entries each). BENCH_REUSE=1 keeps an already seeded database.
// 2. Records the SQL each endpoint sends in steady state (auth and tenant lookups included), by calling it
//    in-process twice (a repeated dashboard.summary answers from its cache once warm).
// 3. Starts the real server in a child process and drives each endpoint over HTTP with wrk (see
//    http-load.ts) for BENCH_SECONDS (default 12) with BENCH_CONNECTIONS (default 10) connections.
// 4. Runs each endpoint's recorded statements through a `pg` pool of the same size and concurrency, for
//    the same time: the floor, i.e. what the database alone can do for that request. API and floor
//    alternate in short rounds, so load from elsewhere on the machine weighs on both alike.
// Targets: every endpoint at >= 50 % of its floor's throughput; dashboard.summary p99 < 100 ms.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { addDaysToLocalDate, localDateOf, clientSearchColumns } from '@picineiros/api/client';
import {
  appRouter,
  createContext,
  hashPassword,
  createCallerFactory,
  type RequestInfo,
} from '@picineiros/api/server';
import {
  Appointment,
  Client,
  createFixtures,
  FinanceEntry,
  openDatabase,
  randomGenerator,
  Pool,
  type Database,
  type EntityManager,
  type Organization,
} from '@picineiros/db';
import pg from 'pg';
import superjson from 'superjson';
import { assertLoadGeneratorInstalled, runLoad } from './http-load';
import { BENCH_APP_SECRET, startServerProcess } from './server-process';

const env = process.env;
const SECONDS = Number(env['BENCH_SECONDS'] ?? 12);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 10);
// More, shorter rounds track a machine whose load changes by the second (BENCH_ROUNDS, default 3).
const ROUNDS = Number(env['BENCH_ROUNDS'] ?? 3);
// Distinct paths per round for an endpoint whose input changes per call (more than a round sends).
const PATHS_PER_ROUND = 4000;
// BENCH_ONLY=<text>[,<text>…]: only the endpoints whose name contains one of them (profiling one at a time).
const ONLY = env['BENCH_ONLY'];
const ADMIN_URL = env['BENCH_POSTGRES_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = env['BENCH_DATABASE'] ?? 'picineiros_bench';
const PORT = Number(env['BENCH_PORT'] ?? 3917);
const EMAIL = 'bench@picineiros.local';
const PASSWORD = 'senha-do-benchmark';
const TIMEZONE = 'America/Sao_Paulo';

const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Fábio', 'Gabriela', 'João', 'Lúcia', 'Marcelo'];
const LAST = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Araújo', 'Gomes', 'Castro', 'Melo'];
const STATUSES = ['pending', 'confirmed', 'done', 'cancelled'] as const;

const fixtures = createFixtures({ clientSearchColumns });
// Rows inserted in bulk (no change tracking: only the read paths are measured).
const bulkFixtures = createFixtures({ clientSearchColumns, persist: false });

/** The organization's clients (one pool each), appointments and finance entries, inserted in bulk. */
async function insertOrganizationRows(
  em: EntityManager,
  organization: Organization,
  counts: { clients: number; appointments: number; entries: number },
  next: () => number,
): Promise<void> {
  const today = localDateOf(new Date(), TIMEZONE);
  const clients: Client[] = [];
  for (let index = 0; index < counts.clients; index += 1) {
    const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(next() * LAST.length)]} ${LAST[index % LAST.length]} ${index}`;
    clients.push(
      bulkFixtures.seedClient(em, organization, {
        name,
        phone: `119${String(60000000 + Math.floor(next() * 39999999))}`,
        email: `cliente${index}@exemplo.com.br`,
        city: 'São Paulo',
        uf: 'SP',
        pools: [{ type: next() < 0.5 ? 'fiberglass' : 'masonry', volumeLiters: 30000 }],
      }),
    );
  }
  for (let start = 0; start < clients.length; start += 2000) {
    const chunk = clients.slice(start, start + 2000);
    await em.insertMany(Client, chunk);
    await em.insertMany(
      Pool,
      chunk.flatMap((client) => client.pools.getItems()),
    );
  }
  const clientAt = (index: number) => clients[index % clients.length] as Client;
  for (let start = 0; start < counts.appointments; start += 5000) {
    const rows = [];
    for (let index = start; index < Math.min(start + 5000, counts.appointments); index += 1) {
      const date = addDaysToLocalDate(today, Math.floor(next() * 365) - 300);
      rows.push(
        bulkFixtures.seedAppointment(em, clientAt(index), {
          date,
          startTime: `${String(7 + Math.floor(next() * 10)).padStart(2, '0')}:00`,
          status: date < today ? (next() < 0.9 ? 'done' : 'cancelled') : STATUSES[Math.floor(next() * 2)],
          priceCents: 15000,
        }),
      );
    }
    await em.insertMany(Appointment, rows);
  }
  for (let start = 0; start < counts.entries; start += 5000) {
    const rows = [];
    for (let index = start; index < Math.min(start + 5000, counts.entries); index += 1) {
      const dueDate = addDaysToLocalDate(today, Math.floor(next() * 395) - 365);
      const paid = dueDate < today ? next() < 0.75 : next() < 0.1;
      rows.push(
        bulkFixtures.seedFinanceEntry(em, clientAt(index), {
          description: 'Mensalidade de manutenção',
          amountCents: 10000 + Math.floor(next() * 40000),
          dueDate,
          status: paid ? 'paid' : 'pending',
          paidAt: paid ? new Date(`${dueDate}T15:00:00Z`) : null,
          paymentMethod: paid ? 'pix' : null,
        }),
      );
    }
    await em.insertMany(FinanceEntry, rows);
  }
}

async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (env['BENCH_REUSE'] === '1' && exists.rowCount) {
      // Only while its migrations are still the committed ones (the initial one is regenerated often).
      const reusable = await openDatabase({ databaseUrl, dataDir: '/tmp' }).then(
        (database) => database.close().then(() => true),
        () => false,
      );
      if (reusable) {
        log(`reusing the seeded database ${DATABASE}`);
        return;
      }
      log(`${DATABASE} no longer matches the migrations: seeding again`);
    }
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const startedAt = performance.now();
  const database = await openDatabase({ databaseUrl, dataDir: '/tmp' });
  try {
    const em = database.fork();
    const next = randomGenerator(42).next;
    const organization = fixtures.seedOrganization(em, { name: 'Piscinas Benchmark', timezone: TIMEZONE });
    fixtures.seedMember(em, organization, {
      email: EMAIL,
      name: 'Bench Owner',
      passwordHash: await hashPassword(PASSWORD),
      role: 'owner',
    });
    await em.flush();
    await insertOrganizationRows(
      em,
      organization,
      { clients: 10_000, appointments: 50_000, entries: 50_000 },
      next,
    );
    log('main organization seeded (10 000 clients, 50 000 appointments, 50 000 finance entries)');
    for (let index = 0; index < 200; index += 1) {
      const noise = fixtures.seedOrganization(em, { name: `Ruído ${index}`, timezone: TIMEZONE });
      await em.flush();
      await insertOrganizationRows(em.fork(), noise, { clients: 50, appointments: 250, entries: 250 }, next);
    }
    log('200 noise organizations seeded');
    for (const table of ['clients', 'pools', 'appointments', 'finance_entries']) {
      await em.execute(`vacuum analyze ${table}`);
    }
  } finally {
    await database.close();
  }
  log(`seeded in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

/**
 * `input` is the same for every call, or a function of the call's number (a new input per call).
 * `judged`: held to the throughput target (see the dashboard's cache-hit row).
 */
type Endpoint = { name: string; path: string; input: unknown; judged: boolean };

function inputOf(endpoint: Endpoint, call: number): unknown {
  return typeof endpoint.input === 'function'
    ? (endpoint.input as (call: number) => unknown)(call)
    : endpoint.input;
}

function endpoints(): Endpoint[] {
  const today = localDateOf(new Date(), TIMEZONE);
  const monday = addDaysToLocalDate(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  return [
    { name: 'clients.list (search)', path: 'clients.list', input: { search: 'souza' }, judged: true },
    {
      name: 'appointments.list (week)',
      path: 'appointments.list',
      input: { from: monday, to: addDaysToLocalDate(monday, 6) },
      judged: true,
    },
    {
      name: 'finance.list (overdue)',
      path: 'finance.list',
      input: { overdue: true, limit: 50 },
      judged: true,
    },
    // The summary answers from a cache keyed by the organization's data version, which the caller's own
    // lookup reads. Held to the target: every call computing the summary, as the first read after a change
    // does. Each call asks for a range no recent call asked for (30 spans over the last year: 10 950
    // distinct ranges, while the cache keeps 1 000), so every call misses; its floor is the computing
    // call's statements.
    {
      name: 'dashboard.summary',
      path: 'dashboard.summary',
      input: (call: number) => {
        const from = addDaysToLocalDate(today, -(call % 365));
        return { from, to: addDaysToLocalDate(from, Math.floor(call / 365) % 30) };
      },
      judged: true,
    },
    // Reported, not judged: a cache hit runs no summary SQL at all, only the caller's lookup, so its floor
    // is that single key lookup and the ratio measures HTTP and tRPC against one index probe.
    { name: 'dashboard.summary (hit)', path: 'dashboard.summary', input: {}, judged: false },
  ].filter((endpoint) => !ONLY || ONLY.split(',').some((part) => endpoint.name.includes(part)));
}

async function signIn(url: string): Promise<{ accessToken: string; orgId: string }> {
  const response = await fetch(`${url}/auth/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize({ email: EMAIL, password: PASSWORD, client: 'desktop' })),
  });
  const body = (await response.json()) as {
    result: { data: { json: { accessToken: string; memberships: { organizationId: string }[] } } };
  };
  const data = body.result.data.json;
  return { accessToken: data.accessToken, orgId: data.memberships[0]?.organizationId ?? '' };
}

function requestInfoFor(headers: Record<string, string>): RequestInfo {
  return {
    ip: '127.0.0.1',
    userAgent: 'bench',
    header: (name) => headers[name.toLowerCase()],
    cookie: () => undefined,
    setCookie: () => undefined,
    clearCookie: () => undefined,
  };
}

type Statement = { sql: string; bindings: unknown[] };

/** The statements one call of each endpoint sends, captured from the ORM's query builder. */
async function recordStatements(auth: {
  accessToken: string;
  orgId: string;
}): Promise<Map<string, Statement[]>> {
  const database: Database = await openDatabase({ databaseUrl, dataDir: '/tmp' }, { migrate: false });
  const recorded = new Map<string, Statement[]>();
  try {
    const knex = database.orm.em.getConnection().getKnex();
    let current: Statement[] = [];
    knex.on('query', (data: { sql: string; bindings?: unknown[] }) => {
      current.push({ sql: data.sql, bindings: data.bindings ?? [] });
    });
    const createCaller = createCallerFactory(appRouter);
    const headers = { authorization: `Bearer ${auth.accessToken}`, 'x-org-id': auth.orgId };
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    for (const endpoint of endpoints()) {
      const ctx = createContext(
        {
          database,
          clock: () => new Date(),
          settings: { appSecret: BENCH_APP_SECRET, production: true, publicUrl: `http://127.0.0.1:${PORT}` },
        },
        requestInfoFor(headers),
        silent,
      );
      const caller = createCaller(ctx) as unknown as Record<
        string,
        Record<string, (input: unknown) => Promise<unknown>>
      >;
      const [router = '', procedure = ''] = endpoint.path.split('.');
      const call = caller[router]?.[procedure];
      if (!call) throw new Error(`no procedure ${endpoint.path}`);
      // The second call's statements: what the endpoint runs in steady state (after any cache is warm).
      await call(inputOf(endpoint, 0));
      current = [];
      await call(inputOf(endpoint, 1));
      const steady = current;
      recorded.set(endpoint.name, steady);
      // A fresh list for the next endpoint: without it, the next endpoint's first (warm-up) call was
      // appended to this one's floor (the finance floor carried a whole cold dashboard computation).
      current = [];
      log(`${endpoint.name}: ${steady.length} statements`);
      // BENCH_PRINT_SQL=1: the floor's statements, to EXPLAIN them or compare them with the server's.
      if (env['BENCH_PRINT_SQL'] === '1') for (const statement of steady) log(`  ${statement.sql}`);
    }
  } finally {
    await database.close();
  }
  return recorded;
}

/** knex's `?` placeholders (when the ORM left bindings) as pg's `$n`. */
function toPg(statement: Statement): { text: string; values: unknown[] } {
  if (statement.bindings.length === 0) return { text: statement.sql, values: [] };
  let position = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${(position += 1)}`), values: statement.bindings };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

type Figures = { requestsPerSecond: number; p50: number; p99: number; errors: number };

/**
 * The floor's connections, opened once per endpoint and kept across its rounds, as the server's pool
 * keeps its own: a fresh pool per round paid backend start-up and cold catalog caches every round, which
 * slowed the floor (up to 10 ms on a first statement) and flattered the API's ratio.
 */
function openFloorPool(): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS, idleTimeoutMillis: 0 });
}

async function runFloor(
  pool: pg.Pool,
  statements: Statement[],
  seconds: number,
  into: Sample,
): Promise<void> {
  const queries = statements.map(toPg);
  const latencies: number[] = [];
  const worker = async (until: number) => {
    while (performance.now() < until) {
      const started = performance.now();
      const client = await pool.connect();
      try {
        for (const query of queries) await client.query(query);
        latencies.push(performance.now() - started);
        into.requests += 1;
      } catch {
        into.errors += 1;
      } finally {
        client.release();
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => worker(started + seconds * 1000)));
  into.seconds += (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  into.rounds.push({ p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) });
}

/**
 * A side's rounds. `rounds`: each round's latency percentiles (ms); `clientCpuMs`: the CPU time of what
 * drove the side (wrk for the API, this process's pg client for the floor).
 */
type Sample = {
  requests: number;
  seconds: number;
  rounds: { p50: number; p99: number }[];
  errors: number;
  clientCpuMs: number;
};

function emptySample(): Sample {
  return { requests: 0, seconds: 0, rounds: [], errors: 0, clientCpuMs: 0 };
}

/** Runs `drive` and adds this process's CPU time meanwhile to the sample. */
async function measuringClientCpu(into: Sample, drive: () => Promise<void>): Promise<void> {
  const before = process.cpuUsage();
  await drive();
  const used = process.cpuUsage(before);
  into.clientCpuMs += (used.user + used.system) / 1000;
}

function medianOf(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * p50 and p99: the median of the rounds' (wrk reports percentiles, not samples), so one round disturbed
 * by something else on the machine does not decide the figure.
 */
function figuresOf(sample: Sample): Figures {
  return {
    requestsPerSecond: sample.requests / sample.seconds,
    p50: medianOf(sample.rounds.map((round) => round.p50)),
    p99: medianOf(sample.rounds.map((round) => round.p99)),
    errors: sample.errors,
  };
}

/** Drives the endpoint's path(s) over HTTP for one round. */
async function runHttp(
  origin: string,
  paths: string | readonly string[],
  headers: Record<string, string>,
  seconds: number,
  into: Sample,
): Promise<void> {
  const result = await runLoad({ origin, paths, headers, connections: CONNECTIONS, seconds });
  into.requests += result.requests;
  into.seconds += result.seconds;
  into.errors += result.errors;
  into.rounds.push({ p50: result.p50, p99: result.p99 });
  into.clientCpuMs += result.cpuMs;
}

function statFieldsOf(pid: number | string): string[] {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  } catch {
    return []; // gone meanwhile
  }
}

/**
 * Server CPU time (user + system, ms) so far, from /proc: what one request costs the server, i.e. the
 * process and, with SERVER_WORKERS > 1, its cluster workers (its children).
 */
function cpuMillisecondsOf(pid: number): number {
  const cpuOf = (fields: string[]) => (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  let total = cpuOf(statFieldsOf(pid));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFieldsOf(entry);
    if (fields[1] === String(pid)) total += cpuOf(fields);
  }
  return total;
}

function startServer() {
  return startServerProcess({ port: PORT, databaseUrl: databaseUrl, dataDir: '/tmp/picineiros-bench' });
}

function format(value: number, digits = 1): string {
  return value.toFixed(digits);
}

async function main(): Promise<void> {
  assertLoadGeneratorInstalled();
  await prepareDatabase();
  const server = await startServer();
  const url = `http://127.0.0.1:${PORT}`;
  const rows: string[] = [];
  let pass = true;
  try {
    const auth = await signIn(url);
    const headers = { authorization: `Bearer ${auth.accessToken}`, 'x-org-id': auth.orgId };
    const statements = await recordStatements(auth);
    for (const endpoint of endpoints()) {
      // Calls 0 and 1 were the recording's (in its own process, with its own cache).
      let call = 2;
      const pathOf = () => {
        const input = encodeURIComponent(JSON.stringify(superjson.serialize(inputOf(endpoint, call))));
        call += 1;
        return `/trpc/${endpoint.path}?input=${input}`;
      };
      // A round's paths: the one fixed path, or the next PATHS_PER_ROUND calls' (wrk cycles through them).
      const fixedPath = typeof endpoint.input === 'function' ? undefined : pathOf();
      const roundPaths = () => fixedPath ?? Array.from({ length: PATHS_PER_ROUND }, pathOf);
      const check = await fetch(`${url}${fixedPath ?? pathOf()}`, { headers });
      if (!check.ok) throw new Error(`${endpoint.name}: HTTP ${check.status} ${await check.text()}`);
      const recorded = statements.get(endpoint.name) ?? [];
      // Warm both paths, then alternate short rounds so that whatever else the machine does weighs on
      // the API and on its floor alike.
      await runHttp(url, roundPaths(), headers, 1, emptySample());
      const floorPool = openFloorPool();
      await runFloor(floorPool, recorded, 1, emptySample());
      const http = emptySample();
      const floor = emptySample();
      const cpuBefore = cpuMillisecondsOf(server.pid);
      for (let round = 0; round < ROUNDS; round += 1) {
        await runHttp(url, roundPaths(), headers, SECONDS / ROUNDS, http);
        await measuringClientCpu(floor, () => runFloor(floorPool, recorded, SECONDS / ROUNDS, floor));
      }
      await floorPool.end();
      const cpuPerRequest = (cpuMillisecondsOf(server.pid) - cpuBefore) / http.requests;
      const api = figuresOf(http);
      const base = figuresOf(floor);
      const ratio = api.requestsPerSecond / base.requestsPerSecond;
      const fast =
        api.errors === 0 && base.errors === 0 && (!endpoint.path.startsWith('dashboard.') || api.p99 < 100);
      const ok = fast && (ratio >= 0.5 || !endpoint.judged);
      pass &&= ok;
      rows.push(
        [
          endpoint.name.padEnd(24),
          format(api.requestsPerSecond).padStart(7),
          format(api.p50).padStart(6),
          format(api.p99).padStart(6),
          format(cpuPerRequest).padStart(6),
          format(http.clientCpuMs / http.requests, 2).padStart(6),
          format(floor.clientCpuMs / floor.requests, 2).padStart(6),
          format(base.requestsPerSecond).padStart(7),
          format(base.p50).padStart(6),
          format(base.p99).padStart(6),
          `${format(ratio * 100, 0).padStart(3)} %`,
          !ok ? 'MISS' : endpoint.judged ? 'ok  ' : 'info',
        ].join(' | '),
      );
      log(`${endpoint.name} done`);
    }
  } finally {
    await server.stop();
  }
  console.log(
    `\n${SECONDS} s per endpoint and side (${ROUNDS} alternating rounds), ${CONNECTIONS} connections, SERVER_WORKERS=${server.workers}, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs.`,
  );
  console.log(
    'Latencies in ms; CPU ms per request: "CPU" the server processes\', "load" the load generator\'s, "pg cli" the floor\'s pg client\'s; floor = the same SQL through pg.\n',
  );
  console.log(
    '| endpoint                 | API/s   | p50    | p99    | CPU    | load   | pg cli | floor/s | p50    | p99    | ratio |      |',
  );
  console.log(
    '| ------------------------ | ------- | ------ | ------ | ------ | ------ | ------ | ------- | ------ | ------ | ----- | ---- |',
  );
  for (const row of rows) console.log(`| ${row} |`);
  console.log(
    `\nTargets: every endpoint >= 50 % of its floor's throughput; dashboard.summary p99 < 100 ms: ${pass ? 'met' : 'NOT met'}`,
  );
  if (!pass) process.exitCode = 1;
}

await main();
