// The renderer on its desktop path, in a browser, where Electron cannot run (CI machines, containers):
// a real DesktopCore (replica in a temporary folder, token in memory) against a running server, served
// with the test bridge that stands in for main + preload. pnpm --filter @picineiros/desktop dev:core
// Server: PICINEIROS_SERVER_URL, default http://127.0.0.1:3000 (`pnpm start` at the repository root).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DesktopCore } from '../src/core/core';
import { createMemoryTokenStore } from '../src/core/token-store';
import { serveCoreOverLoopback } from '../test/core-over-loopback';

execFileSync('node', [fileURLToPath(new URL('./ensure-web-build.mjs', import.meta.url))], {
  stdio: 'inherit',
});
const serverUrl = process.env['PICINEIROS_SERVER_URL'] ?? 'http://127.0.0.1:3000';
const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-dev-core-'));
const core = new DesktopCore({ serverUrl, dataDir, tokenStore: createMemoryTokenStore() });
await core.start();
const loopback = await serveCoreOverLoopback(core);
console.log(`Desktop renderer over the local core: ${loopback.url} (server ${serverUrl}; Ctrl+C to stop)`);

process.once('SIGINT', () => {
  void (async () => {
    await loopback.close();
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
