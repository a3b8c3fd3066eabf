import { createContext, type ApiDependencies, type Logger, type RequestInfo } from '../context';
import { abuseLimitsOf, HOUR_MS } from '../shared/abuse-limits';
import type { OrgContext } from '../shared/org-context';
import { consumeRateLimit, type RateLimitCheck } from '../shared/rate-limit';
import { createCallerFactory, orgProcedure, router } from '../trpc';

// Report downloads are plain HTTP GETs (a file, streamed), not tRPC calls, but they must obey exactly the
// API's rules: the access token, the session check, `x-org-id`, the tenant filter. Rather than repeat those,
// a one-procedure router runs `orgProcedure`'s middlewares through a server-side caller and hands back the
// context they built. It is not part of `appRouter`, so nothing new is reachable over /trpc.
const reportAccessRouter = router({
  open: orgProcedure.query(({ ctx }): OrgContext => ctx),
});

const createAccessCaller = createCallerFactory(reportAccessRouter);

/** Downloads (a report pages through every row; an export is a whole ZIP) per member and per organization. */
function downloadLimits(ctx: OrgContext): RateLimitCheck[] {
  const limits = abuseLimitsOf(ctx.settings);
  return [
    {
      limit: { bucket: 'download:member', max: limits.downloadsPerMemberHour, windowMs: HOUR_MS },
      subject: ctx.membership.id,
    },
    {
      limit: { bucket: 'download:organization', max: limits.downloadsPerOrganizationHour, windowMs: HOUR_MS },
      subject: ctx.organization.id,
    },
  ];
}

/**
 * The org-scoped context of a report or export download, counted against the download limits; throws the
 * API's TRPCError (UNAUTHORIZED, NOT_FOUND, TOO_MANY_REQUESTS with a RateLimitRefusal cause).
 */
export async function openReportContext(
  dependencies: ApiDependencies,
  request: RequestInfo,
  logger: Logger,
): Promise<OrgContext> {
  const ctx = await createAccessCaller(createContext(dependencies, request, logger)).open();
  await consumeRateLimit(ctx.em, downloadLimits(ctx), ctx.clock());
  return ctx;
}
