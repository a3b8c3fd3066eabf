import { orgProcedure, publicProcedure, roleProcedure, router } from '../trpc';
import {
  ZBillingCurrent,
  ZChangePlanInput,
  ZInvoiceView,
  ZPlanView,
  ZSubscribeInput,
  ZSubscribeResult,
} from './schema';
import {
  cancelSubscription,
  changePlan,
  describeBilling,
  listInvoices,
  listPlans,
  subscribe,
} from './service';

// Every member sees where the organization stands (the banner needs it); only owners commit the money
// (docs/architecture.md, "Billing"). billing.* mutations are exempt from the read-only guard: paying is
// how a read-only organization gets out of it.
export const billingRouter = router({
  plans: publicProcedure.output(ZPlanView.array()).query(({ ctx }) => listPlans(ctx.em)),
  current: orgProcedure.output(ZBillingCurrent).query(({ ctx }) => describeBilling(ctx)),
  invoices: roleProcedure('admin')
    .output(ZInvoiceView.array())
    .query(({ ctx }) => listInvoices(ctx)),
  subscribe: roleProcedure('owner')
    .input(ZSubscribeInput)
    .output(ZSubscribeResult)
    .mutation(({ ctx, input }) => subscribe(ctx, input)),
  changePlan: roleProcedure('owner')
    .input(ZChangePlanInput)
    .output(ZBillingCurrent)
    .mutation(({ ctx, input }) => changePlan(ctx, input)),
  cancel: roleProcedure('owner')
    .output(ZBillingCurrent)
    .mutation(({ ctx }) => cancelSubscription(ctx)),
});
