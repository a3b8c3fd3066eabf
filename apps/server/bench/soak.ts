// The reliability soak (issue 15): pnpm --filter @picineiros/server soak [fuzz] [outage] [sigterm]
// (all three without arguments). Loopback only, bounded loops; prints figures and exits 1 if a check fails.
//
// It never touches the shared Postgres: it creates a throwaway cluster of its own (initdb + pg_ctl, on
// SOAK_PG_PORT, default 55432, under a temp directory, run as the `postgres` user when started as root)
// and stops and starts only that one.
//   fuzz     the full fuzz pass of bench/fuzz.ts over every mutation: no 5xx, refused inputs change no row
//   outage   a trickle of writes while that Postgres is stopped and started again: no acknowledged write
//            lost, 503 + Retry-After meanwhile, recovery without restarting the server
//   sigterm  SIGTERM under load with a stalled upload: the process exits within drain + deadline
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import superjson from 'superjson';
import { fuzzMutations, snapshotTables } from './fuzz';

const PG_PORT = Number(process.env['SOAK_PG_PORT'] ?? 55_432);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const APP_SECRET = 'soak-secret-that-is-long-enough-0123456789';
const failures: string[] = [];

function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// ---- A throwaway Postgres cluster -------------------------------------------------------------------

function postgresBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort().reverse();
  const version = versions[0];
  if (!version) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${version}/bin/${name}`;
}

function startCluster() {
  const root = mkdtempSync(join(tmpdir(), 'picineiros-soak-pg-'));
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  run(postgresBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${PG_PORT} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (action: 'start' | 'stop') =>
    run(
      postgresBin('pg_ctl'),
      action === 'start'
        ? ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', 'start']
        : ['-D', data, '-m', 'fast', '-w', 'stop'],
    );
  pgCtl('start');
  return {
    url: (database: string) => `postgres://postgres@127.0.0.1:${PG_PORT}/${database}`,
    start: () => pgCtl('start'),
    stop: () => pgCtl('stop'),
    destroy: () => {
      try {
        pgCtl('stop');
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
type Cluster = ReturnType<typeof startCluster>;

async function createDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url(name);
}

// ---- The server as its own process ------------------------------------------------------------------

type ServerProcess = { child: ChildProcess; url: string; port: number; output: string[] };

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      SERVER_WORKERS: '1',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const match = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(output.join(''));
    if (match) {
      const port = Number(match[1]);
      return { child, url: `http://127.0.0.1:${port}`, port, output };
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${output.join('')}`);
    await sleep(250);
  }
  throw new Error('server did not start in 60 s');
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

async function call(url: string, path: string, input: unknown, headers: Record<string, string> = {}) {
  const mount = path.startsWith('auth.') ? 'auth' : 'trpc';
  const response = await fetch(`${url}/${mount}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize(input)),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
}

async function registerOwner(url: string) {
  const email = `soak.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const answer = await call(url, 'auth.register', {
    name: 'Soak Lima',
    email,
    password: 'senha-forte-123',
    organizationName: 'Piscinas Soak',
    client: 'desktop',
  });
  const body = superjson.deserialize<{
    accessToken: string;
    memberships: { organizationId: string }[];
  }>((JSON.parse(answer.text) as { result: { data: never } }).result.data);
  const orgId = body.memberships[0]?.organizationId ?? '';
  return { orgId, headers: { authorization: `Bearer ${body.accessToken}`, 'x-org-id': orgId } };
}

// ---- (a) fuzz -----------------------------------------------------------------------------------------

async function soakFuzz(cluster: Cluster): Promise<void> {
  console.log('\n[fuzz] every mutation of appRouter, full set of inputs (Postgres)');
  const databaseUrl = await createDatabase(cluster, 'soak_fuzz');
  // The mail worker would change the outbox (pending → sent) in the middle of a comparison.
  const server = await startServer({ DATABASE_URL: databaseUrl, MAIL_POLL_INTERVAL_MS: '3600000' });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const owner = await registerOwner(server.url);
    const report = await fuzzMutations({
      url: server.url,
      headers: owner.headers,
      snapshot: () =>
        snapshotTables(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows, 'postgresql'),
      fast: false,
      concurrency: 4,
    });
    console.log(
      `  ${report.calls} calls over ${report.procedures} mutations (${report.skippedWithoutInput.length} take no input) in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    console.log(`  by status: ${JSON.stringify(report.byStatus)}`);
    console.log(
      `  refused by their schema: ${report.refusedBySchema}; accepted (odd but valid): ${report.acceptedBySchema}`,
    );
    for (const error of report.serverErrors.slice(0, 10))
      console.log(`  ! ${error.path} ${error.label}: ${error.status} ${error.body}`);
    for (const change of report.changedRows)
      console.log(`  ! ${change.path} changed ${change.tables.join(', ')}`);
    check(
      report.serverErrors.length === 0,
      `no 5xx and no invalid input accepted (${report.serverErrors.length} found)`,
    );
    check(
      report.changedRows.length === 0,
      `refused inputs changed no row (${report.changedRows.length} procedures did)`,
    );
  } finally {
    await client.end();
    await stopServer(server);
  }
}

// ---- (b) Postgres outage under a trickle of writes --------------------------------------------------

async function soakOutage(cluster: Cluster): Promise<void> {
  console.log('\n[outage] Postgres stopped and started under a trickle of writes (20/s)');
  const databaseUrl = await createDatabase(cluster, 'soak_outage');
  const server = await startServer({ DATABASE_URL: databaseUrl });
  try {
    const owner = await registerOwner(server.url);
    const acknowledged: string[] = [];
    const statuses: Record<string, number> = {};
    // Shared with the trickle loop (an object, so that its changes are seen across the awaits).
    const state: {
      phase: 'before' | 'down' | 'after';
      stop: boolean;
      recoveredAt: number | undefined;
      restartedAt: number;
    } = { phase: 'before', stop: false, recoveredAt: undefined, restartedAt: 0 };
    let missingRetryAfter = 0;
    let sequence = 0;
    const trickle = (async () => {
      while (!state.stop) {
        sequence += 1;
        const name = `Soak ${String(sequence).padStart(5, '0')}`;
        const startedAt = performance.now();
        let status: number;
        try {
          const answer = await call(
            server.url,
            'clients.create',
            { name, active: true, pools: [{ type: 'fiberglass' }] },
            owner.headers,
          );
          status = answer.status;
          if (status === 503 && !answer.retryAfter) missingRetryAfter += 1;
        } catch {
          status = 0; // no answer (timeout): not acknowledged
        }
        statuses[`${state.phase}:${status}`] = (statuses[`${state.phase}:${status}`] ?? 0) + 1;
        if (status === 200) {
          acknowledged.push(name);
          if (state.phase === 'after') state.recoveredAt ??= performance.now() - state.restartedAt;
        }
        await sleep(Math.max(0, 50 - (performance.now() - startedAt)));
      }
    })();
    await sleep(3000);
    state.phase = 'down';
    cluster.stop();
    const stoppedAt = performance.now();
    await sleep(4000);
    cluster.start();
    state.restartedAt = performance.now();
    console.log(`  Postgres down for ${Math.round(state.restartedAt - stoppedAt)} ms`);
    state.phase = 'after';
    for (
      let waited = 0;
      waited < 30_000 && (state.recoveredAt === undefined || performance.now() - state.restartedAt < 3000);
      waited += 250
    ) {
      await sleep(250);
    }
    state.stop = true;
    await trickle;

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = new Set(
      (
        await client.query<{ name: string }>('select name from clients where organization_id = $1', [
          owner.orgId,
        ])
      ).rows.map((row) => row.name),
    );
    await client.end();
    const lost = acknowledged.filter((name) => !stored.has(name));
    const serverErrors = Object.entries(statuses)
      .filter(([key]) => /:5\d\d$/.test(key) && !key.endsWith(':503'))
      .reduce((sum, [, count]) => sum + count, 0);
    console.log(
      `  writes sent: ${sequence}, acknowledged: ${acknowledged.length}, stored: ${stored.size}, lost: ${lost.length}`,
    );
    console.log(`  answers by phase:status: ${JSON.stringify(statuses)}`);
    console.log(
      `  first acknowledged write after the restart: ${state.recoveredAt === undefined ? 'never' : `${Math.round(state.recoveredAt)} ms`}`,
    );
    check(lost.length === 0, `no acknowledged write lost (${lost.length})`);
    check(serverErrors === 0, `no 5xx other than 503 (${serverErrors})`);
    check(
      (statuses['down:503'] ?? 0) > 0 && missingRetryAfter === 0,
      'writes during the outage answered 503 with Retry-After',
    );
    check(
      state.recoveredAt !== undefined && server.child.exitCode === null,
      'writes recovered without restarting the server',
    );
  } finally {
    await stopServer(server);
  }
}

// ---- (c) SIGTERM under load ---------------------------------------------------------------------------

async function soakSigterm(cluster: Cluster): Promise<void> {
  const drainMs = 1000;
  const deadlineMs = 3000;
  console.log(
    `\n[sigterm] SIGTERM under load (16 clients, one stalled upload; drain ${drainMs} ms, deadline ${deadlineMs} ms)`,
  );
  const databaseUrl = await createDatabase(cluster, 'soak_sigterm');
  const server = await startServer({
    DATABASE_URL: databaseUrl,
    SHUTDOWN_DRAIN_MS: String(drainMs),
    SHUTDOWN_TIMEOUT_MS: String(deadlineMs),
    REQUEST_TIMEOUT_MS: '120000',
  });
  const owner = await registerOwner(server.url);
  const statuses: Record<string, number> = {};
  const control = { stop: false };
  const load = Array.from({ length: 16 }, async (_, index) => {
    while (!control.stop) {
      let key: string;
      try {
        key = String(
          index % 4 === 0
            ? (
                await call(
                  server.url,
                  'clients.create',
                  { name: `Carga ${index}`, active: true, pools: [{ type: 'fiberglass' }] },
                  owner.headers,
                )
              ).status
            : (
                await fetch(`${server.url}/trpc/clients.list`, {
                  headers: owner.headers,
                  signal: AbortSignal.timeout(5000),
                }).then(async (response) => {
                  await response.arrayBuffer();
                  return response;
                })
              ).status,
        );
      } catch {
        key = 'refused/closed';
        await sleep(50);
      }
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  });
  const stalled = connect(server.port, '127.0.0.1', () => {
    stalled.write(
      'POST /trpc/clients.create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"json":',
    );
  });
  stalled.on('error', () => undefined);
  await sleep(3000);
  const beforeSignal = { ...statuses };
  const exited = new Promise<number>((resolve) =>
    server.child.once('exit', () => {
      resolve(performance.now());
    }),
  );
  const signalledAt = performance.now();
  server.child.kill('SIGTERM');
  const exitMs = (await exited) - signalledAt;
  control.stop = true;
  await Promise.all(load);
  stalled.destroy();
  console.log(`  answered before the signal: ${JSON.stringify(beforeSignal)}`);
  console.log(`  all answers: ${JSON.stringify(statuses)}`);
  console.log(`  exit ${server.child.exitCode} after ${Math.round(exitMs)} ms`);
  check(
    exitMs < drainMs + deadlineMs + 5000,
    `exited within drain + deadline (+5 s for the database) (${Math.round(exitMs)} ms)`,
  );
  check(server.child.exitCode === 0, 'exit code 0');
  check(!Object.keys(statuses).some((status) => status === '500'), 'no 500 during the shutdown');
}

// ---- main ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const parts = asked.length > 0 ? asked : ['fuzz', 'outage', 'sigterm'];
  const cluster = startCluster();
  console.log(`soak: a throwaway Postgres on 127.0.0.1:${PG_PORT}`);
  const startedAt = performance.now();
  try {
    if (parts.includes('fuzz')) await soakFuzz(cluster);
    if (parts.includes('outage')) await soakOutage(cluster);
    if (parts.includes('sigterm')) await soakSigterm(cluster);
  } finally {
    cluster.destroy();
  }
  console.log(
    `\nsoak: ${failures.length === 0 ? 'all checks passed' : `${failures.length} check(s) failed`} in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
