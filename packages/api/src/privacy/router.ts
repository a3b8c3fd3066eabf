import { authedProcedure, roleProcedure } from '../trpc';
import { cancelOrganizationDeletion, deleteAccount, requestOrganizationDeletion } from './erasure';
import { listExports, requestExport } from './export';
import { ZDeleteAccountInput, ZRequestOrganizationDeletionInput } from './schema';

// The LGPD procedures, mounted in the routers where a client looks for them (organizations.*, auth.*).

/** Export and deletion of the caller's organization: owners only. */
export const organizationPrivacyProcedures = {
  requestExport: roleProcedure('owner').mutation(({ ctx }) => requestExport(ctx)),
  exportStatus: roleProcedure('owner').query(({ ctx }) => listExports(ctx)),
  requestDeletion: roleProcedure('owner')
    .input(ZRequestOrganizationDeletionInput)
    .mutation(({ ctx, input }) => requestOrganizationDeletion(ctx, input)),
  cancelDeletion: roleProcedure('owner').mutation(({ ctx }) => cancelOrganizationDeletion(ctx)),
};

export const deleteAccountProcedure = authedProcedure
  .input(ZDeleteAccountInput)
  .mutation(({ ctx, input }) => deleteAccount(ctx, input));
