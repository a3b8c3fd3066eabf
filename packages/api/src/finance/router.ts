import { orgProcedure, roleProcedure, router } from '../trpc';
import {
  ZCreateFinanceEntryInput,
  ZCreateFromAppointmentInput,
  ZFinanceEntryIdInput,
  ZFinanceEntryPage,
  ZFinanceEntryView,
  ZListFinanceEntriesInput,
  ZMarkPaidInput,
  ZUpdateFinanceEntryInput,
} from './schema';
import {
  archiveFinanceEntry,
  createFinanceEntry,
  createFinanceEntryFromAppointment,
  getFinanceEntry,
  listFinanceEntries,
  markFinanceEntryPaid,
  markFinanceEntryPending,
  restoreFinanceEntry,
  updateFinanceEntry,
} from './service';

export const financeRouter = router({
  list: orgProcedure
    .input(ZListFinanceEntriesInput)
    .output(ZFinanceEntryPage)
    .query(({ ctx, input }) => listFinanceEntries(ctx, input)),
  get: orgProcedure
    .input(ZFinanceEntryIdInput)
    .output(ZFinanceEntryView)
    .query(({ ctx, input }) => getFinanceEntry(ctx, input.id)),
  create: orgProcedure
    .input(ZCreateFinanceEntryInput)
    .mutation(({ ctx, input }) => createFinanceEntry(ctx, input)),
  update: orgProcedure
    .input(ZUpdateFinanceEntryInput)
    .mutation(({ ctx, input }) => updateFinanceEntry(ctx, input)),
  markPaid: orgProcedure.input(ZMarkPaidInput).mutation(({ ctx, input }) => markFinanceEntryPaid(ctx, input)),
  markPending: orgProcedure
    .input(ZFinanceEntryIdInput)
    .mutation(({ ctx, input }) => markFinanceEntryPending(ctx, input.id)),
  // Staff record payments but do not make receivables disappear.
  archive: roleProcedure('admin')
    .input(ZFinanceEntryIdInput)
    .mutation(({ ctx, input }) => archiveFinanceEntry(ctx, input.id)),
  restore: roleProcedure('admin')
    .input(ZFinanceEntryIdInput)
    .mutation(({ ctx, input }) => restoreFinanceEntry(ctx, input.id)),
  createFromAppointment: orgProcedure
    .input(ZCreateFromAppointmentInput)
    .mutation(({ ctx, input }) => createFinanceEntryFromAppointment(ctx, input)),
});
