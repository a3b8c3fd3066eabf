import {
  ForeignKeyConstraintViolationException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import {
  runWithChangeContext,
  runWithQueryContext,
  TENANT_FILTER,
  type MembershipRole,
  type TenantFilterParams,
} from '@picineiros/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { verifyAccessToken } from './accounts/tokens';
import { findCaller, findFirstMembership } from './shared/caller-lookup';
import { BillingRefusal } from './billing/errors';
import { assertOrganizationWritable } from './billing/limits';
import type { Context, LogBindings } from './context';
import { isDatabaseUnavailable } from './shared/database-unavailable';
import { fieldErrors } from './shared/field-error';
import { messages } from './shared/messages';
import { RateLimitRefusal, tooManyRequests } from './shared/rate-limit';
import { fieldErrorOfUniqueViolation } from './shared/unique-fields';
import { fieldErrorsOf, z } from './shared/validation';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const fieldErrors = error.cause instanceof z.ZodError ? fieldErrorsOf(error.cause) : undefined;
    // An internal error's message and stack never reach a client, not even in development: a database
    // error's text carries the SQL statement (with values). The server logs them with the request id.
    // Other errors' stacks (our own code's) only in development.
    const production = ctx?.settings.production ?? true;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: fieldErrors ? messages.invalidInput : internal ? messages.internal : shape.message,
      data: {
        ...shape.data,
        stack: production || internal ? undefined : shape.data.stack,
        fieldErrors,
        // Why billing refused (read-only organization, plan limit), for the UI's banner and links.
        billing: error.cause instanceof BillingRefusal ? error.cause.data : undefined,
        // How long a rate limit or throttle asks to wait (also sent as the Retry-After header).
        retryAfterSeconds:
          error.cause instanceof RateLimitRefusal ? error.cause.retryAfterSeconds : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// Database errors a caller can cause (a duplicate, a concurrent edit) become client errors, never a 500.
const mapDatabaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  // The database is down or restarting: 503 (the server adds Retry-After), nothing was written.
  if (isDatabaseUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: messages.databaseUnavailable, cause });
  }
  if (cause instanceof UniqueConstraintViolationException) {
    throw (
      fieldErrorOfUniqueViolation(cause) ??
      new TRPCError({ code: 'CONFLICT', message: messages.duplicate, cause })
    );
  }
  if (cause instanceof OptimisticLockError) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.concurrentEdit, cause });
  }
  if (cause instanceof ForeignKeyConstraintViolationException) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidReference, cause });
  }
  if (cause instanceof NotFoundError) {
    throw new TRPCError({ code: 'NOT_FOUND', message: messages.notFound, cause });
  }
  return result;
});

// Half of a UTF-16 surrogate pair without its other half (JSON's "\ud800" escape makes one): not Unicode.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path ('address.city') and message of every string in `value` that text columns cannot hold. */
function invalidCharacters(value: unknown, path: string[] = []): [field: string, message: string][] {
  if (typeof value === 'string') {
    const message = value.includes('\u0000')
      ? messages.nulCharacter
      : LONE_SURROGATE.test(value)
        ? messages.loneSurrogate
        : undefined;
    return message ? [[path.join('.') || '_', message]] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => invalidCharacters(child, [...path, key]));
}

// Postgres cannot store U+0000 in text nor a lone surrogate in JSON (the audit entry's; the statement fails
// with a 500), so every procedure refuses both up front, as field errors, on both dialects alike.
const refuseInvalidCharacters = t.middleware(async ({ getRawInput, next }) => {
  const invalid = invalidCharacters(await getRawInput());
  if (invalid.length > 0) throw fieldErrors(invalid);
  return next();
});

// Outermost, so it sees the code the caller finally gets (after mapDatabaseErrors) and the whole duration.
const observeProcedure = t.middleware(async ({ ctx, path, type, next }) => {
  if (!ctx.observer) return next();
  const startedAt = performance.now();
  const result = await next();
  ctx.observer.procedureCompleted({
    path,
    type,
    code: result.ok ? 'OK' : result.error.code,
    durationMs: performance.now() - startedAt,
  });
  return result;
});

// The request id on every statement the call runs (slow-query log); the caller's ids follow below.
const traceQueries = t.middleware(({ ctx, next }) =>
  ctx.request.id ? runWithQueryContext({ requestId: ctx.request.id }, next) : next(),
);

export const publicProcedure = t.procedure
  .use(traceQueries)
  .use(observeProcedure)
  .use(mapDatabaseErrors)
  .use(refuseInvalidCharacters);

/** Names the caller on the request's log lines and on the slow-query lines of what `work` runs. */
function withCaller<T>(ctx: Context, bindings: LogBindings, work: () => T): T {
  ctx.request.bindLogContext?.(bindings);
  return runWithQueryContext(bindings, work);
}

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const header = ctx.request.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const claims = token ? await verifyAccessToken(ctx.settings.appSecret, token, ctx.clock()) : null;
  // The organization the request names is looked up with the session, in one statement (orgProcedure
  // uses it); a malformed id names no organization the caller belongs to.
  const requested = ctx.request.header('x-org-id') || undefined;
  const organizationId =
    requested !== undefined && z.uuid().safeParse(requested).success ? requested : undefined;
  // The session is checked on every call, so signing out or revoking a device takes effect at once.
  const caller = claims ? await findCaller(ctx.em, claims, ctx.clock(), organizationId) : null;
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: messages.signInRequired });
  const { sessionId, user } = caller;
  // The overall budget of calls per session (token) and minute, shared by every server process.
  const wait = ctx.requestBudget ? await ctx.requestBudget.take(ctx.em, sessionId, ctx.clock()) : 0;
  if (wait > 0) throw tooManyRequests(wait);
  // undefined: the request named no organization (orgProcedure then takes the caller's first).
  const requestedMembership = requested !== undefined ? caller.requestedMembership : undefined;
  return withCaller(ctx, { userId: user.id }, () => next({ ctx: { sessionId, user, requestedMembership } }));
});

/**
 * Puts the caller's organization and membership in the context and scopes the EntityManager to it.
 * `x-org-id` chooses among the caller's organizations; an organization the caller is not a member of is
 * NOT_FOUND, exactly like one that does not exist. Without it, the caller's first organization.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, path, type, next }) => {
  const found =
    ctx.requestedMembership !== undefined
      ? ctx.requestedMembership
      : await findFirstMembership(ctx.em, ctx.user);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: messages.organizationNotFound });
  const { membership, dataVersion } = found;
  return withCaller(ctx, { organizationId: membership.organization.id }, async () => {
    ctx.em.setFilterParams(TENANT_FILTER, {
      organizationId: membership.organization.id,
    } satisfies TenantFilterParams);
    // A read-only organization (trial over, unpaid past the grace, canceled and ended) refuses every write
    // here, in one place; reads and exports go on, and billing.* stays open so it can pay its way out.
    if (type === 'mutation' && !isExemptFromReadOnly(path)) {
      await assertOrganizationWritable(ctx, membership.organization);
    }
    // Every change flushed by this call (on ctx.em or any fork of it) is audited as this member's.
    const actor = { membershipId: membership.id, userId: ctx.user.id, name: ctx.user.name };
    return runWithChangeContext({ actor, now: ctx.clock }, () =>
      next({
        ctx: { membership, organization: membership.organization, organizationDataVersion: dataVersion },
      }),
    );
  });
});

/**
 * Mutations a read-only organization still accepts: billing (the way out) and a member's own read marks on
 * notifications, which change no organization data.
 */
export const READ_ONLY_EXEMPT_MUTATIONS: ReadonlySet<string> = new Set([
  'notifications.markRead',
  'notifications.markAllRead',
  // LGPD rights do not depend on payment: export, deletion (and its cancellation), handing ownership over.
  'privacy.requestExport',
  'privacy.requestDeletion',
  'privacy.cancelDeletion',
  'members.transferOwnership',
  // A member's own calendar address: revoking a leaked one must never wait for a payment.
  'calendar.rotateSecret',
  'calendar.disable',
]);

function isExemptFromReadOnly(path: string): boolean {
  return path.startsWith('billing.') || READ_ONLY_EXEMPT_MUTATIONS.has(path);
}

const ROLE_RANK: Record<MembershipRole, number> = { staff: 0, admin: 1, owner: 2 };

/** An org-scoped procedure open to members of at least the given role. */
export function roleProcedure(minimum: MembershipRole) {
  return orgProcedure.use(({ ctx, next }) => {
    if (ROLE_RANK[ctx.membership.role] < ROLE_RANK[minimum]) {
      throw new TRPCError({ code: 'FORBIDDEN', message: messages.forbiddenForRole });
    }
    return next();
  });
}
