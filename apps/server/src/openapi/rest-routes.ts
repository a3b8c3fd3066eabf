// The REST routes of the server, described by hand (tRPC procedures and report downloads are generated).
// Every route the server registers must appear here or in the generated part: the OpenAPI test walks
// the registered routes and fails on any that is missing.

export type JsonObject = { [key: string]: unknown };

const error = { $ref: '#/components/responses/RestError' };

export const REST_OPERATIONS: Record<string, JsonObject> = {
  '/healthz': {
    get: {
      operationId: 'healthz',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      responses: { '200': { description: '`{"status": "ok"}`' } },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz',
      tags: ['operations'],
      summary: 'Readiness: the database answers',
      responses: {
        '200': { description: '`{"status": "ready", "database": "postgresql" | "sqlite"}`' },
        '503': { description: '`{"status": "unavailable", …}`: the database is not reachable' },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (text format)',
      description:
        'With METRICS_TOKEN set, only with `Authorization: Bearer <METRICS_TOKEN>`; without it, open outside production and not served in production.',
      security: [{ metricsToken: [] }],
      responses: {
        '200': { description: 'Prometheus text exposition format', content: { 'text/plain': {} } },
        '401': error,
      },
    },
  },
  '/calendar/{secret}.ics': {
    get: {
      operationId: 'calendar.feed',
      tags: ['calendar'],
      summary: 'A member’s appointments as an iCalendar feed (the secret in the path is the credential)',
      parameters: [{ name: 'secret', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'text/calendar', content: { 'text/calendar': {} } },
        '404': error,
      },
    },
  },
  '/exports/{exportId}.zip': {
    get: {
      operationId: 'exports.download',
      tags: ['organizations'],
      summary: 'The organization’s LGPD export (owners), downloadable once',
      security: [{ bearerAuth: [] }],
      parameters: [
        { $ref: '#/components/parameters/OrgId' },
        { name: 'exportId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      responses: {
        '200': { description: 'A ZIP of JSON and CSV files', content: { 'application/zip': {} } },
        '401': error,
        '403': error,
        '404': error,
        '410': error,
      },
    },
  },
  '/webhooks/asaas': {
    post: {
      operationId: 'webhooks.asaas',
      tags: ['billing'],
      summary: 'Asaas payment events (registered when ASAAS_API_KEY and ASAAS_WEBHOOK_TOKEN are set)',
      parameters: [{ name: 'asaas-access-token', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': {
          description: 'Stored (and processed, or to be retried): `{"received": true, "duplicate": boolean}`',
        },
        '400': error,
        '401': error,
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      tags: ['operations'],
      summary: 'This document (outside production)',
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
    },
  },
  '/docs': {
    get: {
      operationId: 'docs',
      tags: ['operations'],
      summary: 'This document in Swagger UI (outside production; served locally, no CDN)',
      responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
    },
  },
};
