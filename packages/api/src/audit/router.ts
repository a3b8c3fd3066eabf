import { roleProcedure, router } from '../trpc';
import { listMemberLogins } from './logins';
import { ZListAuditInput, ZListLoginsInput } from './schema';
import { listAuditEntries } from './service';

// Owners and admins read the audit log; staff do not (see docs/architecture.md, "Permissions").
export const auditRouter = router({
  list: roleProcedure('admin')
    .input(ZListAuditInput)
    .query(({ ctx, input }) => listAuditEntries(ctx, input)),
  logins: roleProcedure('admin')
    .input(ZListLoginsInput)
    .query(({ ctx, input }) => listMemberLogins(ctx, input)),
});
