#!/usr/bin/env node
// Entry point of the root npm scripts: on a machine with only Node.js and npm it brings pnpm and the
// workspace dependencies on first run, then hands over to the pnpm task of the same name.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '10.34.9';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const task = process.argv[2];
if (!task) {
  console.error('usage: node scripts/bootstrap.mjs <task> [args...]');
  process.exit(2);
}

function pnpmOnPath() {
  try {
    const version = execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return version === PNPM_VERSION ? 'pnpm' : undefined;
  } catch {
    return undefined;
  }
}

// A pinned pnpm installed inside the repository, so no global write access is needed.
function localPnpm() {
  const binary = join(
    root,
    '.tools',
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm',
  );
  if (!existsSync(binary)) {
    console.log(`[bootstrap] installing pnpm ${PNPM_VERSION} into .tools/`);
    run('npm', [
      'install',
      '--prefix',
      join(root, '.tools'),
      '--no-audit',
      '--no-fund',
      `pnpm@${PNPM_VERSION}`,
    ]);
  }
  return binary;
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Dependencies are (re)installed when the lockfile or any manifest changed since the last install.
function manifestsFingerprint() {
  const hash = createHash('sha256');
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) files.push(join(group, name, 'package.json'));
  }
  for (const file of files) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex');
}

const pnpm = pnpmOnPath() ?? localPnpm();
// Package scripts call `pnpm` themselves: the chosen one must come first on their PATH.
if (pnpm !== 'pnpm') process.env.PATH = `${dirname(pnpm)}${delimiter}${process.env.PATH ?? ''}`;
const stamp = join(root, 'node_modules', '.picineiros-install');
const fingerprint = manifestsFingerprint();
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== fingerprint) {
  console.log('[bootstrap] installing dependencies (first run, or the manifests changed)');
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  // The Electron binary is fetched by release machines only (see README, "Releasing the desktop app").
  run(pnpm, ['install', ...frozen], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
  writeFileSync(stamp, manifestsFingerprint());
}
run(pnpm, ['run', `tasks:${task}`, ...process.argv.slice(3)]);
