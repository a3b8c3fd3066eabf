import { createContext, type ApiDependencies, type Logger, type RequestInfo } from '../context';
import type { OrgContext } from '../shared/org-context';
import { createCallerFactory, orgProcedure, router } from '../trpc';

// Report downloads are plain HTTP GETs (a file, streamed), not tRPC calls, but they must obey exactly the
// API's rules: the access token, the session check, `x-org-id`, the tenant filter. Rather than repeat those,
// a one-procedure router runs `orgProcedure`'s middlewares through a server-side caller and hands back the
// context they built. It is not part of `appRouter`, so nothing new is reachable over /trpc.
const reportAccessRouter = router({
  open: orgProcedure.query(({ ctx }): OrgContext => ctx),
});

const createAccessCaller = createCallerFactory(reportAccessRouter);

/** The org-scoped context of a report request; throws the API's TRPCError (UNAUTHORIZED, NOT_FOUND). */
export async function openReportContext(
  dependencies: ApiDependencies,
  request: RequestInfo,
  logger: Logger,
): Promise<OrgContext> {
  return createAccessCaller(createContext(dependencies, request, logger)).open();
}
