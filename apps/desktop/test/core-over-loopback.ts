import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import superjson from 'superjson';
import { DesktopCore, type CoreOperation } from '../src/core/core';
import type { SaveLocation } from '../src/core/report-export';
import { createMemoryTokenStore } from '../src/core/token-store';

// Test-only stand-in for Electron's main + preload: serves the web build on 127.0.0.1 with a
// `window.picineiros` bridge whose calls and events travel over HTTP (POST /bridge/call, Server-Sent Events
// on /bridge/events) to a real DesktopCore. The renderer therefore runs its desktop path (IPC link, desktop
// session, connection events) against the core, exactly as in Electron minus the IPC transport.

const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));
const BRIDGE_CLIENT = fileURLToPath(new URL('./core-over-loopback.client.ts', import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveCoreOverLoopback(core: DesktopCore) {
  const bundled = await build({
    entryPoints: [BRIDGE_CLIENT],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const bridgeScript = bundled.outputFiles[0]?.text ?? '';
  const indexHtml = (await readFile(join(WEB_DIR, 'index.html'), 'utf8')).replace(
    '<head>',
    // A classic script runs before the bundle's deferred module script: the bridge exists at start-up,
    // as the preload's does.
    '<head><script src="/bridge.js"></script>',
  );

  const streams = new Set<ServerResponse>();
  const unsubscribe = core.onEvent((event) => {
    for (const stream of streams) stream.write(`data: ${superjson.stringify(event)}\n\n`);
  });

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (request.method === 'POST' && path === '/bridge/call') {
      const operation = superjson.parse<CoreOperation>(await readBody(request));
      const result = await core.handle(operation);
      response.writeHead(200, { 'content-type': 'application/json' }).end(superjson.stringify(result));
      return;
    }
    if (path === '/bridge/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (path === '/bridge/online') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(core.isOnline()));
      return;
    }
    if (path === '/bridge.js') {
      response.writeHead(200, { 'content-type': MIME['.js'] }).end(bridgeScript);
      return;
    }
    const file = normalize(join(WEB_DIR, path));
    if (extname(path) && file.startsWith(WEB_DIR + sep)) {
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    // Page paths (/, /clientes/…) are the single-page app.
    response.writeHead(200, { 'content-type': MIME['.html'] }).end(indexHtml);
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

export type DesktopPath = {
  core: DesktopCore;
  /** Where the renderer opens the desktop path. */
  url: string;
  dataDir: string;
  close(): Promise<void>;
};

/**
 * A real DesktopCore in a fresh data folder, signed out, with the loopback bridge in front of it. The short
 * pull interval lets the core notice changes and a cut connection within a test's patience.
 */
export async function startDesktopPath(
  serverUrl: string,
  options: { saveLocation?: (dataDir: string) => SaveLocation } = {},
): Promise<DesktopPath> {
  const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-desktop-e2e-'));
  const core = new DesktopCore({
    serverUrl,
    dataDir,
    tokenStore: createMemoryTokenStore(),
    syncIntervalMs: 300,
    saveLocation: options.saveLocation?.(dataDir),
  });
  await core.start();
  const loopback = await serveCoreOverLoopback(core);
  return {
    core,
    url: loopback.url,
    dataDir,
    close: async () => {
      await loopback.close();
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
