import { roleProcedure, router } from '../trpc';
import { listMemberLogins } from './logins';
import { ZAuditPage, ZListAuditInput, ZListLoginsInput, ZMemberLoginPage } from './schema';
import { listAuditEntries } from './service';

// Owners and admins read the audit log; staff do not (see docs/architecture.md, "Permissions").
export const auditRouter = router({
  list: roleProcedure('admin')
    .input(ZListAuditInput)
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAuditEntries(ctx, input)),
  logins: roleProcedure('admin')
    .input(ZListLoginsInput)
    .output(ZMemberLoginPage)
    .query(({ ctx, input }) => listMemberLogins(ctx, input)),
});
