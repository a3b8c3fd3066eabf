import {
  appRouter,
  AUTH_COOKIE_PATH,
  REPORT_DEFINITIONS,
  REPORT_EXTENSIONS,
  REPORT_KINDS,
  authedProcedure,
  orgProcedure,
} from '@picineiros/api/server';
import { z } from 'zod';
import { REST_OPERATIONS, type JsonObject } from './rest-routes';

// The OpenAPI 3.1 document of the HTTP surface, generated from the code: every tRPC procedure of appRouter
// with its zod input as JSON Schema (z.toJSONSchema), and the REST routes (rest-routes.ts). Committed as
// docs/openapi.json (`pnpm --filter @picineiros/server openapi`); a test fails when they differ.

type ProcedureDef = {
  type: 'query' | 'mutation' | 'subscription';
  inputs: unknown[];
  middlewares: unknown[];
};

// tRPC's public types do not expose a procedure's inputs and middlewares; its runtime `_def` does.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;

// A procedure built on authedProcedure/orgProcedure runs their middleware functions: the last one of each
// builder is the one that checks the token / chooses the organization.
const authMiddleware = authedProcedure._def.middlewares.at(-1);
const orgMiddleware = orgProcedure._def.middlewares.at(-1);

/** JSON Schema of a zod schema as a client sends it (`io: 'input'`: before transforms, defaults optional). */
export function inputSchemaOf(schema: unknown): JsonObject {
  if (!(schema instanceof z.ZodType)) return { description: 'Any JSON value.' };
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const { $schema: _dialect, ...rest } = json;
  return rest;
}

function procedureInputSchema(def: ProcedureDef): JsonObject | null {
  const schemas = def.inputs.map(inputSchemaOf);
  if (schemas.length === 0) return null;
  return schemas.length === 1 ? (schemas[0] ?? null) : { allOf: schemas };
}

/** superjson's wire format: the value under `json`, type hints (dates, Maps…) under `meta`. */
function superjson(schema: JsonObject): JsonObject {
  return {
    type: 'object',
    properties: {
      json: schema,
      meta: { type: 'object', description: 'superjson type annotations (Dates, undefined…)' },
    },
    required: ['json'],
  };
}

function procedureOperation(path: string, def: ProcedureDef): JsonObject {
  const input = procedureInputSchema(def);
  const authed = def.middlewares.includes(authMiddleware);
  const scoped = def.middlewares.includes(orgMiddleware);
  const operation: JsonObject = {
    operationId: path,
    tags: [path.split('.')[0] ?? 'api'],
    summary: `tRPC ${def.type} ${path}`,
    ...(authed ? { security: [{ bearerAuth: [] }] } : {}),
    parameters: [
      ...(scoped ? [{ $ref: '#/components/parameters/OrgId' }] : []),
      ...(def.type === 'query' && input
        ? [
            {
              name: 'input',
              in: 'query',
              required: false,
              description: 'The input, superjson-encoded JSON: `{"json": …}`.',
              content: { 'application/json': { schema: superjson(input) } },
            },
          ]
        : []),
    ],
    ...(def.type === 'mutation' && input
      ? { requestBody: { required: true, content: { 'application/json': { schema: superjson(input) } } } }
      : {}),
    responses: {
      '200': { $ref: '#/components/responses/TrpcResult' },
      default: { $ref: '#/components/responses/TrpcError' },
    },
  };
  if ((operation['parameters'] as unknown[]).length === 0) delete operation['parameters'];
  return operation;
}

function reportOperations(): Record<string, JsonObject> {
  const paths: Record<string, JsonObject> = {};
  for (const kind of REPORT_KINDS) {
    const definition = REPORT_DEFINITIONS[kind];
    const properties = (inputSchemaOf(definition.schema)['properties'] ?? {}) as Record<string, JsonObject>;
    paths[`/reports/${kind}.{extension}`] = {
      get: {
        operationId: `reports.download.${kind}`,
        tags: ['reports'],
        summary: `${definition.title} (CSV streamed, or PDF)`,
        security: [{ bearerAuth: [] }],
        parameters: [
          { $ref: '#/components/parameters/OrgId' },
          { name: 'extension', in: 'path', required: true, schema: { enum: [...REPORT_EXTENSIONS] } },
          {
            name: 'format',
            in: 'query',
            required: false,
            description: 'CSV dialect: excel (default: semicolons, BOM, pt-BR numbers) or rfc4180.',
            schema: { enum: ['excel', 'rfc4180'] },
          },
          ...definition.filterKeys.map((key) => ({
            name: key,
            in: 'query',
            required: false,
            schema: properties[key] ?? {},
          })),
        ],
        responses: {
          '200': {
            description: 'The file (content-disposition: attachment).',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '400': { $ref: '#/components/responses/RestError' },
          '401': { $ref: '#/components/responses/RestError' },
          '404': { $ref: '#/components/responses/RestError' },
        },
      },
    };
  }
  return paths;
}

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const name of Object.keys(procedures).sort()) {
    const procedure = procedures[name];
    if (!procedure || procedure._def.type === 'subscription') continue;
    // auth.* is also reachable under /trpc, but the refresh cookie is only sent to /auth.
    const prefix = name.startsWith('auth.') ? AUTH_COOKIE_PATH : '/trpc';
    paths[`${prefix}/${name}`] = {
      [procedure._def.type === 'query' ? 'get' : 'post']: procedureOperation(name, procedure._def),
    };
  }
  Object.assign(paths, reportOperations());
  for (const [path, operations] of Object.entries(REST_OPERATIONS)) paths[path] = operations;
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Picineiros API',
      version: '1',
      description: [
        'The HTTP surface of the Picineiros server. Procedures are tRPC 11 with the superjson transformer:',
        'a query is `GET /trpc/<procedure>?input=<{"json": input}>`, a mutation is `POST /trpc/<procedure>`',
        'with `{"json": input}` as the body; results come back as `{"result": {"data": {"json": …}}}`.',
        'Several calls can be batched: `/trpc/a,b?batch=1&input={"0": …, "1": …}`.',
        'Sign in with `auth.login` (or `auth.register`, then `auth.confirmRegistration` with the mailed code):',
        'the access token goes in `Authorization: Bearer`, the organization in `x-org-id` (default: the',
        'caller’s first). Web clients refresh with the',
        'HttpOnly cookie sent to `/auth` and echo the CSRF cookie in `x-csrf-token`.',
        'Input errors are 400 with `data.fieldErrors` (pt-BR messages per field).',
      ].join(' '),
    },
    tags: [...new Set(Object.keys(procedures).map((name) => name.split('.')[0] ?? 'api'))]
      .concat(['reports', 'operations'])
      .filter((tag, index, all) => all.indexOf(tag) === index)
      .sort()
      .map((name) => ({ name })),
    paths: sorted,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN.' },
      },
      parameters: {
        OrgId: {
          name: 'x-org-id',
          in: 'header',
          required: false,
          description: 'The organization to act in (one of the caller’s); default: the first.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      responses: {
        TrpcResult: {
          description: 'The procedure’s result, superjson-encoded.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  result: {
                    type: 'object',
                    properties: {
                      data: { type: 'object', properties: { json: {}, meta: { type: 'object' } } },
                    },
                  },
                },
              },
            },
          },
        },
        TrpcError: {
          description:
            'A tRPC error; the HTTP status follows `data.code` (BAD_REQUEST 400, UNAUTHORIZED 401…).',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  error: {
                    type: 'object',
                    properties: {
                      json: {
                        type: 'object',
                        properties: {
                          message: { type: 'string' },
                          code: { type: 'integer' },
                          data: {
                            type: 'object',
                            properties: {
                              code: { type: 'string' },
                              httpStatus: { type: 'integer' },
                              path: { type: 'string' },
                              fieldErrors: { type: 'object', additionalProperties: { type: 'string' } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        RestError: {
          description: 'An error with a message (pt-BR where people read it).',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  error: { type: 'string' },
                  fieldErrors: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** The committed file's exact text: stable key order and formatting, so a diff shows real changes only. */
export function serializeOpenApiDocument(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
