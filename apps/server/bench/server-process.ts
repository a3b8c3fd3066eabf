// The benchmarks' server: the real server in its own production process on a scratch database, so its
// CPU and memory can be read from /proc apart from the load generator's.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const BENCH_APP_SECRET = 'bench-secret-that-is-long-enough-0123456789';

export type ServerProcess = { pid: number; url: string; workers: string; stop: () => Promise<void> };

/** Starts the server and waits (up to a minute) until /readyz answers. */
export async function startServerProcess(options: {
  port: number;
  databaseUrl: string;
  dataDir: string;
}): Promise<ServerProcess> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (read it with
  // bench/profile-summary.ts, or load it in Chrome's DevTools).
  const profileDir = process.env['BENCH_CPU_PROF'];
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // SERVER_WORKERS: HTTP server processes; unset, the server's default on Postgres (one per CPU).
  const workers = process.env['SERVER_WORKERS'] ?? String(availableParallelism());
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      APP_SECRET: BENCH_APP_SECRET,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      DATA_DIR: options.dataDir,
      SERVER_WORKERS: workers,
      // wrk sends thousands of calls a second with one token: a budget that never trips, so every call
      // still goes through the budget's in-memory count (its upsert comes once per twentieth of a budget).
      RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await sleep(500);
  }
  return {
    pid: child.pid ?? 0,
    url,
    workers,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
