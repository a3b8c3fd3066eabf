import { authedProcedure, roleProcedure, router } from '../trpc';
import {
  ZDeleteAccountInput,
  ZDeletionResult,
  ZExportStatus,
  ZExportSummary,
  ZRequestOrganizationDeletionInput,
} from './schema';
import {
  cancelOrganizationDeletion,
  deleteAccount,
  listExports,
  requestExport,
  requestOrganizationDeletion,
} from './service';

// The LGPD rights: the organization's export and deletion (owners only), and one's own account's deletion.
export const privacyRouter = router({
  requestExport: roleProcedure('owner')
    .output(ZExportSummary)
    .mutation(({ ctx }) => requestExport(ctx)),
  exportStatus: roleProcedure('owner')
    .output(ZExportStatus)
    .query(({ ctx }) => listExports(ctx)),
  requestDeletion: roleProcedure('owner')
    .input(ZRequestOrganizationDeletionInput)
    .output(ZDeletionResult)
    .mutation(({ ctx, input }) => requestOrganizationDeletion(ctx, input)),
  cancelDeletion: roleProcedure('owner')
    .output(ZDeletionResult)
    .mutation(({ ctx }) => cancelOrganizationDeletion(ctx)),
  deleteAccount: authedProcedure
    .input(ZDeleteAccountInput)
    .mutation(({ ctx, input }) => deleteAccount(ctx, input)),
});
