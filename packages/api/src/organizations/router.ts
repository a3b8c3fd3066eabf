import { orgProcedure, roleProcedure, router } from '../trpc';
import { ZUpdateOrganizationInput } from './schema';
import { describeOrganization, updateOrganization } from './service';

export const organizationsRouter = router({
  current: orgProcedure.query(({ ctx }) => ({
    ...describeOrganization(ctx.organization),
    role: ctx.membership.role,
  })),
  update: roleProcedure('admin')
    .input(ZUpdateOrganizationInput)
    .mutation(({ ctx, input }) => updateOrganization(ctx, ctx.organization, input)),
});
