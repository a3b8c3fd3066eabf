import { countedWrite } from '../billing/limits';
import { orgProcedure, router } from '../trpc';
import {
  ZClientIdInput,
  ZClientPage,
  ZClientView,
  ZCreateClientInput,
  ZListClientsInput,
  ZUpdateClientInput,
} from './schema';
import { archiveClient, createClient, getClient, listClients, restoreClient, updateClient } from './service';

// Every member (owner, admin, staff) manages clients: the office staff do this all day, and archiving is
// reversible (see docs/architecture.md, "Permissions").
export const clientsRouter = router({
  list: orgProcedure
    .input(ZListClientsInput)
    .output(ZClientPage)
    .query(({ ctx, input }) => listClients(ctx, ctx.organization, input)),
  get: orgProcedure
    .input(ZClientIdInput)
    .output(ZClientView)
    .query(({ ctx, input }) => getClient(ctx, input.id)),
  create: orgProcedure
    .input(ZCreateClientInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => createClient(ctx, ctx.organization, input))),
  update: orgProcedure
    .input(ZUpdateClientInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => updateClient(ctx, ctx.organization, input))),
  archive: orgProcedure.input(ZClientIdInput).mutation(({ ctx, input }) => archiveClient(ctx, input.id)),
  restore: orgProcedure
    .input(ZClientIdInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => restoreClient(ctx, input.id))),
});
