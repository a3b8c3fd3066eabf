// SERVER_WORKERS=2: the real server as a cluster (primary + two HTTP workers) on a test Postgres database.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDialect, type TestDatabase } from '@picineiros/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sample } from './metrics-sample';

const onPostgres = testDialect() === 'postgresql';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * One request on its own connection (the cluster hands out connections, not requests). A connection the
 * primary handed to a worker at the instant it died is lost: status 0 after a few seconds.
 */
function call(url: string): Promise<{ status: number; pid: string | undefined }> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: 3000 }, (response) => {
      response.resume();
      response.on('end', () => {
        const pid = response.headers['x-picineiros-pid'];
        resolve({ status: response.statusCode ?? 0, pid: typeof pid === 'string' ? pid : undefined });
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => {
      resolve({ status: 0, pid: undefined });
    });
  });
}

async function pidsAnswering(url: string, calls: number): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let index = 0; index < calls; index += 1) {
    const { status, pid } = await call(url);
    if (status === 200 && pid) pids.add(pid);
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// SQLite refuses SERVER_WORKERS > 1 (one writer, one process): config.unit.test.ts checks that error.
describe.skipIf(!onPostgres)(`several server processes (SERVER_WORKERS=2, Postgres only)`, () => {
  let testDatabase: TestDatabase;
  let child: ChildProcess;
  let url: string;
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(inject('databaseTemplate'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: testDatabase.settings.databaseUrl,
        DATA_DIR: testDatabase.settings.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_SECRET: 'cluster-test-secret-that-is-long-enough-0123',
        LOG_LEVEL: 'info',
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'true',
        SERVER_WORKERS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        try {
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    for (let attempt = 0; attempt < 240; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if (logLines.some((line) => line['msg'] === 'Picineiros server ready')) break;
      await sleep(250);
    }
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await testDatabase.dispose();
  });

  it(`serves on both workers, runs the jobs once in the primary, restarts a dead worker and stops on SIGTERM`, async () => {
    const ready = await call(`${url}/readyz`);
    expect(ready.status).toBe(200);

    const pids = await pidsAnswering(`${url}/readyz`, 20);
    expect(pids.size).toBe(2);
    expect(pids.has(String(child.pid))).toBe(false);

    // /metrics, whichever worker answers it, counts the whole cluster: all 21 /readyz calls so far, though
    // neither worker served them all (polled: a worker counts a request just after answering it).
    const readyzServed = async () => {
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      return sample(await metrics.text(), 'picineiros_http_requests_total', {
        route: '/readyz',
        status_code: '200',
      });
    };
    await expect.poll(readyzServed, { timeout: 5000 }).toBe(21);
    await expect.poll(readyzServed, { timeout: 5000 }).toBe(21);

    const jobs = logLines.filter((line) => line['msg'] === 'background jobs started');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ pid: child.pid, scheduler: true });
    const listening = logLines.filter((line) => line['msg'] === 'server worker listening');
    expect(new Set(listening.map((line) => String(line['pid'])))).toEqual(pids);

    // A worker that dies is forked again; the other keeps serving meanwhile.
    const [killed, survivor] = [...pids].map(Number) as [number, number];
    process.kill(killed, 'SIGKILL');
    let after = new Set<string>();
    for (let attempt = 0; attempt < 60; attempt += 1) {
      after = await pidsAnswering(`${url}/readyz`, 6);
      if (after.size === 2 && !after.has(String(killed))) break;
      await sleep(500);
    }
    expect(after.has(String(survivor))).toBe(true);
    expect(after.has(String(killed))).toBe(false);
    expect(after.size).toBe(2);
    expect(logLines.some((line) => line['msg'] === 'server worker exited' && line['pid'] === killed)).toBe(
      true,
    );

    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        resolve(code);
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of after) expect(isAlive(Number(pid))).toBe(false);
    // The scheduler was never started a second time (not even by the restarted worker).
    expect(logLines.filter((line) => line['msg'] === 'background jobs started')).toHaveLength(1);
  }, 90_000);
});
