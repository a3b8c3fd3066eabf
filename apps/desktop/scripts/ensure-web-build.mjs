#!/usr/bin/env node
// Builds the web renderer only when dist/web is missing or older than its sources, so `pnpm start` stays
// fast on every run after the first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = Math.max(...sources.map(newestMtime));
if (built >= changed) {
  console.log('[web] build is up to date');
} else {
  console.log(
    built ? '[web] sources changed: rebuilding the web UI' : '[web] building the web UI (first run)',
  );
  const result = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
    cwd: desktop,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
