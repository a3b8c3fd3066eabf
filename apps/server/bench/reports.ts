// Benchmark (a script, not a test): report downloads from the real server over Postgres.
// Usage: pnpm --filter @picineiros/server bench:reports
// Seeds a scratch database with one organization, 100 000 finance entries (bulk SQL) and a second
// organization with 5 000; starts the server as its own process (NODE_ENV=production), downloads
// /reports/finance.csv (100 000 rows) while sampling the server's RSS from /proc, then /reports/finance.pdf
// (5 000 rows), and prints time and memory. BENCH_POSTGRES_URL: another admin connection.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import superjson from 'superjson';
import { startServerProcess } from './server-process';

const env = process.env;
const CSV_ROWS = 100_000;
const PDF_ROWS = 5_000;
const RUNS = Number(env['BENCH_RUNS'] ?? 3);
const ADMIN_URL = env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCRATCH = 'picineiros_bench_reports';
const PORT = Number(env['BENCH_PORT'] ?? 3927);
const URL_BASE = `http://127.0.0.1:${PORT}`;

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Resident set size of a process in bytes, from /proc. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

function startServer() {
  return startServerProcess({
    port: PORT,
    databaseUrl: urlOf(SCRATCH),
    dataDir: '/tmp/picineiros-bench-reports',
  });
}

async function register(organizationName: string): Promise<{ accessToken: string; orgId: string }> {
  const response = await fetch(`${URL_BASE}/auth/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      superjson.serialize({
        name: 'Bench Lima',
        email: `bench.${randomUUID()}@example.com`,
        password: 'senha-forte-123',
        organizationName,
        client: 'desktop',
      }),
    ),
  });
  const body = (await response.json()) as {
    result: { data: { json: { accessToken: string; memberships: { organizationId: string }[] } } };
  };
  const data = body.result.data.json;
  return { accessToken: data.accessToken, orgId: data.memberships[0]?.organizationId ?? '' };
}

/** Finance entries for one organization over 200 clients, with bulk SQL (the ORM would take minutes). */
async function seedEntries(client: pg.Client, organizationId: string, count: number): Promise<void> {
  const now = new Date();
  const clientIds = Array.from({ length: 200 }, () => randomUUID());
  await client.query(
    `insert into clients (id, created_at, updated_at, organization_id, name, name_key, search_text)
     select c, $3, $3, $2, 'Condomínio Águas Claras ' || ord, 'condominioaguasclaras' || ord, 'condominio aguas claras ' || ord
     from unnest($1::uuid[]) with ordinality as t(c, ord)`,
    [clientIds, organizationId, now],
  );
  const chunk = 50_000;
  for (let start = 0; start < count; start += chunk) {
    const ids: string[] = [];
    const clients: string[] = [];
    const dates: string[] = [];
    const amounts: number[] = [];
    for (let index = start; index < Math.min(count, start + chunk); index += 1) {
      ids.push(randomUUID());
      clients.push(clientIds[index % clientIds.length] ?? '');
      dates.push(new Date(Date.UTC(2025, 0, 1 + (index % 700))).toISOString().slice(0, 10));
      amounts.push(1_000 + (index % 100_000));
    }
    await client.query(
      `insert into finance_entries (id, created_at, updated_at, organization_id, client_id, description, amount_cents, due_date)
       select id, $5, $5, $6, c, 'Manutenção mensal; cloro "extra"', a, d
       from unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[]) as t(id, c, a, d)`,
      [ids, clients, amounts, dates, now, organizationId],
    );
  }
}

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${SCRATCH}`);
const server = await startServer();
const client = new pg.Client({ connectionString: urlOf(SCRATCH) });
try {
  await client.connect();
  const large = await register('Piscinas Grandes');
  const small = await register('Piscinas Pequenas');
  const seedStart = performance.now();
  await seedEntries(client, large.orgId, CSV_ROWS);
  await seedEntries(client, small.orgId, PDF_ROWS);
  await client.query('analyze');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const headers = (auth: { accessToken: string; orgId: string }) => ({
    authorization: `Bearer ${auth.accessToken}`,
    'x-org-id': auth.orgId,
  });

  // Warm up (module loading, JIT, connection pool), so the growth measured is the report's own.
  await (
    await fetch(`${URL_BASE}/reports/finance.csv?to=2025-01-05`, { headers: headers(large) })
  ).arrayBuffer();
  // Three full downloads in a row, each against the RSS just before it: the first one also pays for
  // one-time growth (code compiled, pools filled), the later ones show the steady state.
  const runs: {
    seconds: number;
    bytes: number;
    lines: number;
    status: number;
    baseline: number;
    peak: number;
  }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await sleep(500);
    const baseline = rssOf(server.pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server.pid));
    }, 10);
    const start = performance.now();
    const response = await fetch(`${URL_BASE}/reports/finance.csv`, { headers: headers(large) });
    let bytes = 0;
    let lines = 0;
    // Read and drop the chunks as they come: the client keeps nothing.
    for await (const chunk of response.body ?? []) {
      const view = chunk as Uint8Array;
      bytes += view.byteLength;
      for (const byte of view) if (byte === 0x0a) lines += 1;
    }
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid));
    runs.push({ seconds, bytes, lines, status: response.status, baseline, peak });
  }

  const pdfStart = performance.now();
  const pdf = await fetch(`${URL_BASE}/reports/finance.pdf`, { headers: headers(small) });
  const pdfBytes = (await pdf.arrayBuffer()).byteLength;
  const pdfSeconds = (performance.now() - pdfStart) / 1000;

  console.log(`
Report downloads on Postgres (server as its own process, NODE_ENV=production)
  data: ${CSV_ROWS} + ${PDF_ROWS} finance entries in two organizations (seeded in ${seedSeconds.toFixed(1)} s)
${runs
  .map(
    (run, index) =>
      `  CSV, ${CSV_ROWS} rows, run ${index + 1}: HTTP ${run.status}, ${run.lines - 1} data lines, ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(2)} s; server RSS ${(run.baseline / 1e6).toFixed(0)} MB before, peak growth ${((run.peak - run.baseline) / 1e6).toFixed(1)} MB (limit 50 MB)`,
  )
  .join('\n')}
  PDF, ${PDF_ROWS} rows: HTTP ${pdf.status}, ${(pdfBytes / 1e6).toFixed(2)} MB in ${pdfSeconds.toFixed(2)} s
`);
} finally {
  await client.end();
  await server.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
  await admin.end();
}
