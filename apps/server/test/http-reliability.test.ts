// The HTTP server under stress and abuse (issue 15): proxies, deep JSON, PDF rendering off the event loop,
// a bounded PDF queue, an unreachable database, timeouts and the shutdown deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase, Session } from '@picineiros/db';
import { createTestDatabase } from '@picineiros/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServer } from '../src/app';
import { createPdfPool } from '../src/pdf/pool';
import {
  newAccount,
  registerAndConfirm,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Longest gap between ticks of a 5 ms timer while `work` runs: how long the event loop was blocked. */
async function worstEventLoopGap<T>(work: () => Promise<T>): Promise<{ result: T; worstGapMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, worstGapMs: worst };
  } finally {
    clearInterval(timer);
  }
}

async function sessionIpOf(server: TestServer, userId: string): Promise<string | null | undefined> {
  const session = await server.database.fork().findOneOrFail(Session, { user: userId }, { filters: false });
  return session.ip;
}

async function registerFrom(server: TestServer, forwardedFor: string): Promise<string> {
  const api = server.client({ headers: { 'x-forwarded-for': forwardedFor } });
  const result = await registerAndConfirm(server, api, newAccount());
  return result.user.id;
}

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const server = await startTestServer({ env: { TRUST_PROXY: '10.9.9.9' } });
    try {
      const userId = await registerFrom(server, '203.0.113.9');
      expect(await sessionIpOf(server, userId)).toBe('127.0.0.1');
    } finally {
      await server.close();
    }
  });

  it('behind trusted proxies (addresses or a hop count), the client is the first untrusted hop', async () => {
    const byAddress = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    try {
      // A client that forges a first entry only moves it further from the socket: it is not believed.
      const userId = await registerFrom(byAddress, '198.51.100.66, 203.0.113.10');
      expect(await sessionIpOf(byAddress, userId)).toBe('203.0.113.10');
    } finally {
      await byAddress.close();
    }
    const byHops = await startTestServer({ env: { TRUST_PROXY: '1' } });
    try {
      const userId = await registerFrom(byHops, '198.51.100.66, 203.0.113.11');
      expect(await sessionIpOf(byHops, userId)).toBe('203.0.113.11');
    } finally {
      await byHops.close();
    }
  });
});

describe('HTTP limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PDF_QUEUE_LIMIT: '0', PDF_WORKERS: '1' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a body nested 100 000 levels deep is a clear 400, in a POST body and in a GET input', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const posted = await fetch(`${server.url}/trpc/clients.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"json":{"name":"x","pools":${deep}}}`,
    });
    expect(posted.status).toBe(400);
    const postedText = await posted.text();
    expect(postedText).toContain('JSON aninhado demais');
    expect(postedText).not.toContain('Maximum call stack');
    // (A URL cannot carry 100 000 levels: past 16 KB node answers 431 itself.)
    const deepInUrl = '['.repeat(2000) + ']'.repeat(2000);
    const got = await fetch(`${server.url}/trpc/clients.list?input=${encodeURIComponent(deepInUrl)}`);
    expect(got.status).toBe(400);
    expect(await got.text()).toContain('JSON aninhado demais');
    // 64 levels still parse (and fail only on the schema, as a normal 400 with field errors or 401).
    const fine = await fetch(
      `${server.url}/trpc/clients.list?input=${encodeURIComponent('['.repeat(60) + ']'.repeat(60))}`,
    );
    expect(fine.status).toBe(401);
  });

  it('a long PDF renders in a worker thread (the event loop stays free); a full PDF queue is a 503 with Retry-After', async () => {
    const owner = await signUpOwner(server);
    await seed(server, (em) => {
      for (let index = 0; index < 2500; index += 1) {
        const name = `Cliente ${String(index).padStart(4, '0')} com um nome bem comprido para quebrar linha`;
        seedClient(em, owner.orgId, { name });
      }
    });
    const headers = { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId };
    const pdfUrl = `${server.url}/reports/clients.pdf`;

    const startedAt = performance.now();
    const { result: statuses, worstGapMs } = await worstEventLoopGap(async () => {
      // Two at once with one worker and no queue: one renders, the other is refused at once.
      const responses = await Promise.all([fetch(pdfUrl, { headers }), fetch(pdfUrl, { headers })]);
      return Promise.all(
        responses.map(async (response) => ({
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: Buffer.from(await response.arrayBuffer()),
        })),
      );
    });
    const elapsedMs = performance.now() - startedAt;
    const ok = statuses.filter((response) => response.status === 200);
    const refused = statuses.filter((response) => response.status === 503);
    expect(ok).toHaveLength(1);
    expect(ok[0]?.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.retryAfter).toBe('5');
    expect(refused[0]?.body.toString()).toContain('Muitos relatórios em PDF');
    // The PDF took real time, and the server's event loop (this process) never stalled for it.
    expect(elapsedMs).toBeGreaterThan(400);
    expect(worstGapMs).toBeLessThan(Math.min(250, elapsedMs / 2));
  });
});

describe('PDF pool', () => {
  const job = (rows: number) => ({
    heading: {
      organizationName: 'Piscinas',
      title: 'Clientes',
      filters: [],
      generatedAt: '01/12/2026 10:00',
      orientation: 'portrait' as const,
    },
    columns: [{ header: 'Nome', type: 'text' as const }],
    rows: Array.from({ length: rows }, (_, index) => [`Cliente ${index}`]),
    totals: null,
  });

  it('stops a PDF past its timeout, replaces the worker, and renders the next one', async () => {
    const pool = createPdfPool({ size: 1, maxQueue: 4, timeoutMs: 300 });
    try {
      await expect(pool.render(job(40_000))).rejects.toThrow(/longer than 300 ms/);
      const pdf = await pool.render(job(10));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pool.stats()).toEqual({ busy: 0, queued: 0, workers: 1 });
    } finally {
      await pool.close();
    }
  });
});

describe('database unavailable', () => {
  it('answers 503 with Retry-After while the database cannot be reached, and recovers without a restart', async (context) => {
    const template = inject('databaseTemplate');
    if (template.dialect !== 'postgresql') {
      context.skip();
      return;
    }
    const testDatabase = await createTestDatabase(template);
    const target = new URL(testDatabase.settings.databaseUrl ?? '');
    // A TCP relay in front of Postgres, so the test can cut the database off from this server alone.
    const relay = startRelay(Number(target.port || 5432));
    const port = await relay.listen();
    const viaRelay = new URL(target);
    viaRelay.port = String(port);
    const database = await openDatabase(
      { databaseUrl: viaRelay.toString(), dataDir: testDatabase.settings.dataDir },
      { migrate: false },
    );
    const server = await startTestServer();
    const app = await buildServer({ config: server.config, database });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    try {
      const register = () =>
        fetch(`${url}/auth/auth.register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json: { ...newAccount(), client: 'desktop' } }),
        });
      expect((await register()).status).toBe(200);
      await relay.cut();
      const down = await register();
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      const body = await down.text();
      expect(body).toContain('temporariamente indisponível');
      expect((await fetch(`${url}/readyz`)).status).toBe(503);
      relay.restore();
      let recovered = 0;
      for (let attempt = 0; attempt < 20 && recovered === 0; attempt += 1) {
        if ((await register()).status === 200) recovered += 1;
        else await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recovered).toBe(1);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await relay.close();
      await server.close();
      await testDatabase.dispose();
    }
  });
});

/** A loopback TCP relay to Postgres that can be cut (every connection dropped, new ones refused) and restored. */
function startRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((incoming) => {
    if (!open) {
      incoming.destroy();
      return;
    }
    const outgoing = connect(targetPort, '127.0.0.1');
    sockets.add(incoming).add(outgoing);
    const drop = () => {
      incoming.destroy();
      outgoing.destroy();
      sockets.delete(incoming);
      sockets.delete(outgoing);
    };
    incoming.on('error', drop).on('close', drop);
    outgoing.on('error', drop).on('close', drop);
    incoming.pipe(outgoing).pipe(incoming);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) => {
        server.listen(0, '127.0.0.1', () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      }),
    async cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('shutdown and timeouts (the server as its own process)', () => {
  type Started = { child: ChildProcess; url: string; port: number; output: string[] };

  async function startProcess(
    env: Record<string, string>,
  ): Promise<{ started: Started; dispose: () => Promise<void> }> {
    const testDatabase = await createTestDatabase(inject('databaseTemplate'));
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_SECRET: 'test-secret-that-is-long-enough-0123456789',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'false',
        SERVER_WORKERS: '1',
        DATA_DIR: testDatabase.settings.dataDir,
        ...(testDatabase.settings.databaseUrl ? { DATABASE_URL: testDatabase.settings.databaseUrl } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      // tsx compiles the server on start: on a busy machine that takes a while.
      const timer = setTimeout(() => {
        reject(new Error(`server did not start:\n${output.join('')}`));
      }, 90_000);
      const check = () => {
        const match = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(output.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.join('')}`));
      });
    });
    return {
      started: { child, url: `http://127.0.0.1:${port}`, port, output },
      dispose: async () => {
        if (child.exitCode === null) {
          child.kill('SIGKILL');
          await new Promise((resolve) => child.once('exit', resolve));
        }
        await testDatabase.dispose();
      },
    };
  }

  /** A raw connection that sends a request's head declaring `declared` bytes of body, then only 8. */
  function stalledUpload(port: number, declared = 1000): Promise<Socket> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /trpc/clients.create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{"json":`,
        );
        resolve(socket);
      });
      socket.on('error', () => undefined);
    });
  }

  it('SIGTERM: /readyz turns 503 while still serving (drain), and a stalled upload cannot hold the exit past the deadline', async () => {
    const { started, dispose } = await startProcess({
      SHUTDOWN_DRAIN_MS: '3000',
      SHUTDOWN_TIMEOUT_MS: '2000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    try {
      const stalled = await stalledUpload(started.port);
      const exited = new Promise<number>((resolve) => {
        started.child.once('exit', () => {
          resolve(performance.now());
        });
      });
      expect((await fetch(`${started.url}/readyz`)).status).toBe(200);
      const signalledAt = performance.now();
      started.child.kill('SIGTERM');
      // Draining: not ready as soon as the signal is handled, but still answering everything else.
      let readyz = await fetch(`${started.url}/readyz`);
      for (let attempt = 0; attempt < 20 && readyz.status === 200; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        readyz = await fetch(`${started.url}/readyz`);
      }
      expect(readyz.status).toBe(503);
      expect(await readyz.json()).toMatchObject({ status: 'stopping' });
      expect(performance.now() - signalledAt).toBeLessThan(2000);
      expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
      const exitMs = (await exited) - signalledAt;
      // Drain 3 s + deadline 2 s: the stalled upload is closed then, and the process exits (the database
      // closes after it), long before the 60 s request timeout would have ended the upload.
      expect(exitMs).toBeGreaterThan(4900);
      expect(exitMs).toBeLessThan(10_000);
      expect(started.child.exitCode).toBe(0);
      expect(started.output.join('')).toContain('"forced":true');
      stalled.destroy();
    } finally {
      await dispose();
    }
  }, 120_000);

  it('a stalled upload is cut off by REQUEST_TIMEOUT_MS on its own (408), without any shutdown', async () => {
    const { started, dispose } = await startProcess({
      REQUEST_TIMEOUT_MS: '1500',
      HEADERS_TIMEOUT_MS: '1000',
    });
    try {
      const stalled = await stalledUpload(started.port);
      const startedAt = performance.now();
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        stalled.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stalled.on('close', () => {
          resolve(text);
        });
      });
      const closedAfterMs = performance.now() - startedAt;
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      expect(closedAfterMs).toBeLessThan(4000);
      // The server is still there for everyone else.
      expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    } finally {
      started.child.kill('SIGTERM');
      await dispose();
    }
  }, 120_000);
});
