// tRPC over HTTP. The app's clients send one call per request (httpLink, no batching), most of them
// queries, so a GET for one query is answered here: the procedure runs through tRPC's own
// `callTRPCProcedure` (the same middlewares, input parser and error formatter as any call), and the answer
// is the JSON, status and headers tRPC's fetch adapter writes. That adapter builds a web Request (with an
// AbortController) and a Response piped through a web stream on every call, which on Node 20 cost about as
// much CPU as a whole list query. Everything else (batches, mutations, bodies, streaming, input that does
// not parse, an unknown path) goes to tRPC's Fastify adapter unchanged.
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type AnyTRPCRouter,
  type TRPCError,
} from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { messages } from '@picineiros/api/client';
import { DATABASE_RETRY_AFTER_SECONDS, RateLimitRefusal } from '@picineiros/api/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type TrpcHttpOptions<Router extends AnyTRPCRouter> = {
  router: Router;
  createContext: (request: FastifyRequest, reply: FastifyReply) => Router['_def']['_config']['$types']['ctx'];
  onError: (failure: { error: TRPCError; path: string | undefined; req: FastifyRequest }) => void;
  /** Calls one HTTP request may batch (`a,b,c`); more is a 400. */
  maxBatch: number;
  /** When given, the only procedures served under this prefix; anything else (batched too) is a 404. */
  onlyProcedures?: ReadonlySet<string>;
};

/**
 * `Retry-After` for a refusal that says how long to wait (a rate limit or throttle: the error formatter
 * puts the seconds in `data.retryAfterSeconds`; an unreachable database: a few seconds); for a batch, the
 * longest wait of its calls.
 */
function retryAfterOf(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.map((error) =>
    error.cause instanceof RateLimitRefusal
      ? error.cause.retryAfterSeconds
      : error.code === 'SERVICE_UNAVAILABLE'
        ? DATABASE_RETRY_AFTER_SECONDS
        : 0,
  );
  const seconds = Math.max(0, ...waits);
  return seconds > 0 ? { 'retry-after': String(seconds) } : {};
}

/** Deeper JSON than this is refused with a 400 before anything walks it (no input of the API nests past 10). */
export const MAX_JSON_DEPTH = 64;
const TOO_DEEP_MESSAGE = `JSON aninhado demais (mais de ${MAX_JSON_DEPTH} níveis).`;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, by one pass over its characters (strings
 * skipped). JSON.parse copes with 100 000 levels, but every recursive walk after it (superjson, zod, the
 * NUL check, the audit's JSON) would fail with "Maximum call stack size exceeded".
 */
export function isJsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

function tooDeepError(): Error & { statusCode: number } {
  return Object.assign(new Error(TOO_DEEP_MESSAGE), { statusCode: 400 });
}

type TransformConfig = Parameters<typeof transformTRPCResponse>[0];
type TransformBody = Parameters<typeof transformTRPCResponse>[1];

/** The input of a single GET query as tRPC reads it, or `fallBack` when only tRPC's adapter should answer. */
function singleQueryInput(request: FastifyRequest, path: string, router: AnyTRPCRouter) {
  const fallBack = { fallBack: true } as const;
  if (request.method !== 'GET' || path.includes(',') || request.headers['trpc-accept'] !== undefined) {
    return fallBack;
  }
  const query = request.query as Record<string, unknown>;
  if (query['batch'] !== undefined) return fallBack;
  const procedure = (router._def.procedures as Record<string, { _def: { type: string } } | undefined>)[path];
  if (procedure?._def.type !== 'query') return fallBack;
  const raw = query['input'];
  if (raw === undefined) return { input: undefined };
  if (typeof raw !== 'string') return fallBack;
  try {
    return { input: router._def._config.transformer.input.deserialize(JSON.parse(raw)) as unknown };
  } catch {
    return fallBack;
  }
}

async function answerQuery<Router extends AnyTRPCRouter>(
  options: TrpcHttpOptions<Router>,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  input: unknown,
): Promise<void> {
  const { router } = options;
  const config = router._def._config;
  const ctx = options.createContext(request, reply);
  let status = 200;
  let body: unknown;
  let headers: Record<string, string> = {};
  try {
    const data: unknown = await callTRPCProcedure({
      router,
      path,
      getRawInput: () => Promise.resolve(input),
      ctx,
      type: 'query',
      signal: undefined,
      batchIndex: 0,
    });
    body = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    options.onError({ error, path, req: request });
    status = getHTTPStatusCodeFromError(error);
    headers = retryAfterOf([error]);
    const shape: unknown = getErrorShape({ config, error, type: 'query', path, input, ctx });
    body = { error: shape };
  }
  await reply
    .code(status)
    .header('vary', 'trpc-accept, accept')
    .header('content-type', 'application/json')
    .headers(headers)
    // A Buffer, so the content-type stays exactly tRPC's (Fastify appends a charset to strings).
    .send(
      Buffer.from(JSON.stringify(transformTRPCResponse(config as TransformConfig, body as TransformBody))),
    );
}

/** Serves `router` at `<prefix>/<path>` (call it inside its own plugin scope: it replaces body parsers). */
export function registerTrpcHttp<Router extends AnyTRPCRouter>(
  scope: FastifyInstance,
  prefix: string,
  options: TrpcHttpOptions<Router>,
): void {
  // As tRPC's own plugin: its adapter reads JSON and multipart bodies itself.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (typeof body === 'string' && isJsonTooDeep(body)) done(tooDeepError());
    else done(null, body);
  });
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', {}, (_request, body, done) => {
    done(null, body);
  });
  scope.all(`${prefix}/:path`, async (request, reply) => {
    const { path } = request.params as { path: string };
    const queryInput = (request.query as Record<string, unknown>)['input'];
    if (typeof queryInput === 'string' && isJsonTooDeep(queryInput)) {
      return reply.code(400).send({ error: TOO_DEEP_MESSAGE });
    }
    // `path` is the decoded segment tRPC itself splits into the batch's calls, so `%2C` cannot hide one.
    const calls = path.split(',');
    if (options.onlyProcedures && !calls.every((call) => options.onlyProcedures?.has(call))) {
      return reply.code(404).send({ error: 'Not found' });
    }
    if (calls.length > options.maxBatch) {
      return reply.code(400).send({ error: messages.batchTooLarge(options.maxBatch) });
    }
    const single = singleQueryInput(request, path, options.router);
    if (!('fallBack' in single)) return answerQuery(options, request, reply, path, single.input);
    await fastifyRequestHandler({
      router: options.router,
      req: request,
      res: reply,
      path,
      createContext: ({ req, res }) => options.createContext(req, res),
      responseMeta: ({ errors }) => ({ headers: retryAfterOf(errors) }),
      onError: ({ error, path: failedPath, req }) => {
        options.onError({ error, path: failedPath, req });
      },
    });
  });
}
