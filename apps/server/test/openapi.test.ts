import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../src/openapi/document';
import { registeredRoutes } from '../src/openapi/routes';
import { OPENAPI_FILE } from '../src/openapi/write';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Document = {
  paths: Record<
    string,
    Record<string, { operationId: string; security?: unknown[]; parameters?: unknown[] }>
  >;
};

const generated = buildOpenApiDocument() as Document;

/** `/reports/{kind}.{extension}`-style documented paths as a matcher for Fastify's `/reports/:file`. */
function documents(url: string): boolean {
  const fastifyPattern = new RegExp(`^${url.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*/g, '.*')}$`);
  return Object.keys(generated.paths).some((path) => fastifyPattern.test(path.replace(/\{[^}]+\}/g, 'x')));
}

describe(`OpenAPI document`, () => {
  it(`matches the committed docs/openapi.json (regenerate with pnpm --filter @picineiros/server openapi)`, () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    expect(
      committed === serializeOpenApiDocument(generated),
      'docs/openapi.json is out of date: run `pnpm --filter @picineiros/server openapi` and commit it',
    ).toBe(true);
  });

  it(`describes every tRPC procedure with its input schema and its auth`, () => {
    const list = generated.paths['/trpc/clients.list']?.['get'];
    expect(list?.operationId).toBe('clients.list');
    expect(list?.security).toEqual([{ bearerAuth: [] }]);
    expect(list?.parameters).toContainEqual({ $ref: '#/components/parameters/OrgId' });
    const create = generated.paths['/trpc/clients.create']?.['post'] as unknown as {
      requestBody: {
        content: { 'application/json': { schema: { properties: { json: { properties: object } } } } };
      };
    };
    expect(
      Object.keys(create.requestBody.content['application/json'].schema.properties.json.properties),
    ).toContain('name');
    // Public procedures carry no security requirement; auth.* lives under /auth (the cookie's path).
    expect(generated.paths['/auth/auth.login']?.['post']?.security).toBeUndefined();
    expect(generated.paths['/trpc/auth.login']).toBeUndefined();
  });

  it(`documents every route the server registers`, () => {
    const undocumented = registeredRoutes(server.app)
      .filter(({ method }) => method !== 'HEAD' && method !== 'OPTIONS')
      // tRPC's own mount points (documented per procedure), Swagger UI's files, the web UI's static files.
      .filter(({ url }) => !/^\/(trpc|auth)\/:path$/.test(url) && !url.startsWith('/docs/') && url !== '/*')
      .filter(({ url }) => !documents(url));
    expect(undocumented).toEqual([]);
  });

  it(`serves the document at /openapi.json and Swagger UI at /docs from this server (no CDN)`, async () => {
    const served = await fetch(`${server.url}/openapi.json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(JSON.parse(serializeOpenApiDocument(generated)));
    const page = await fetch(`${server.url}/docs/`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toMatch(/^(https?:)?\/\//);
    const script = sources.find((source) => source.endsWith('.js')) ?? '';
    const asset = await fetch(new URL(script, `${server.url}/docs/`));
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it(`does not publish the API description in production`, async () => {
    const production = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      expect((await fetch(`${production.url}/openapi.json`)).status).toBe(404);
      expect((await fetch(`${production.url}/docs/`)).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
