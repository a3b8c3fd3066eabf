import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from './document';

let cachedDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

/**
 * Outside production: `/openapi.json` and Swagger UI at `/docs`. The UI's files come from the
 * swagger-ui-dist package through this server (no CDN), so it works offline and under the CSP.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  // The same for every server of this process (tests start many): built once, ~50 ms.
  cachedDocument ??= buildOpenApiDocument();
  const document = cachedDocument;
  app.get('/openapi.json', () => document);
  // Our document is OpenAPI 3.1, which the plugin's types (2.0 / 3.0) do not name; it serves it as given.
  const specification = { document: document as unknown as StaticDocumentSpec['document'] };
  await app.register(swagger, { mode: 'static', specification });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'none', deepLinking: true, tryItOutEnabled: false },
  });
}

export type RegisteredRoute = { method: string; url: string };

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Records every route registered from now on (the OpenAPI test checks that each one is documented). */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registered.get(app) ?? [];
}
