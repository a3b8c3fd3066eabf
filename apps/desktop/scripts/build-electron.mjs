#!/usr/bin/env node
// Bundles the Electron main process and the preload to CommonJS (a sandboxed preload cannot be an ES
// module), next to the renderer's web build: dist/main/main.cjs, dist/preload/preload.cjs, dist/web/.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const desktop = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  // Native or Electron-provided modules stay outside the bundle; electron-builder ships them.
  external: ['electron', 'electron-updater', 'better-sqlite3'],
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: [join(desktop, 'src/main/main.ts')],
  outfile: join(desktop, 'dist/main/main.cjs'),
});
await build({
  ...common,
  entryPoints: [join(desktop, 'src/preload/preload.ts')],
  outfile: join(desktop, 'dist/preload/preload.cjs'),
});
const web = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
  cwd: desktop,
  stdio: 'inherit',
});
process.exit(web.status ?? 1);
