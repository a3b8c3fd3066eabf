#!/usr/bin/env node
// Builds the web renderer only when dist/web is missing or older than its sources, so `pnpm start` stays
// fast on every run after the first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const desktop = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(desktop, 'dist', 'web', 'index.html');
const sources = [
  join(desktop, 'src', 'renderer'),
  join(desktop, 'vite.config.ts'),
  join(desktop, 'package.json'),
  // The renderer bundles the shared zod schemas and Brazilian validators.
  join(desktop, '..', '..', 'packages', 'api', 'src'),
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale() {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  return built < Math.max(...sources.map(newestMtime));
}

// Test runs build from several processes at once (one per database dialect): one builds, the others wait.
const lock = join(desktop, 'dist', '.web-build.lock');
async function withLock(work) {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the deadline belongs to a build that died; take it over.
      if (Date.now() > deadline || Date.now() - statSync(lock).mtimeMs > 180_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (!isStale()) {
  console.log('[web] build is up to date');
} else {
  const status = await withLock(() => {
    if (!isStale()) return 0;
    console.log(
      existsSync(output)
        ? '[web] sources changed: rebuilding the web UI'
        : '[web] building the web UI (first run)',
    );
    const result = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
      cwd: desktop,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    return result.status ?? 1;
  });
  if (status !== 0) process.exit(status);
}
