import { orgProcedure, roleProcedure, router } from '../trpc';
import { describeFirstSteps, dismissFirstSteps } from './first-steps';
import { describeOrganizationLogo, removeOrganizationLogo, setOrganizationLogo } from './logo';
import {
  ZCurrentOrganization,
  ZFirstSteps,
  ZOrganizationLogo,
  ZOrganizationView,
  ZSetOrganizationLogoInput,
  ZUpdateOrganizationInput,
} from './schema';
import { describeCurrentOrganization, updateOrganization } from './service';

export const organizationsRouter = router({
  current: orgProcedure.output(ZCurrentOrganization).query(({ ctx }) => describeCurrentOrganization(ctx)),
  /** The dashboard's "Primeiros passos" checklist (derived from the data; forwarded by the desktop core). */
  firstSteps: orgProcedure.output(ZFirstSteps).query(({ ctx }) => describeFirstSteps(ctx)),
  dismissFirstSteps: roleProcedure('admin')
    .output(ZFirstSteps)
    .mutation(({ ctx }) => dismissFirstSteps(ctx)),
  update: roleProcedure('admin')
    .input(ZUpdateOrganizationInput)
    .output(ZOrganizationView)
    .mutation(({ ctx, input }) => updateOrganization(ctx, ctx.organization, input)),
  // The logo on report headers: every member sees it, owners and admins change it.
  logo: orgProcedure
    .output(ZOrganizationLogo)
    .query(({ ctx }) => describeOrganizationLogo(ctx, ctx.organization.id)),
  setLogo: roleProcedure('admin')
    .input(ZSetOrganizationLogoInput)
    .mutation(({ ctx, input }) => setOrganizationLogo(ctx, ctx.organization, input)),
  removeLogo: roleProcedure('admin').mutation(({ ctx }) => removeOrganizationLogo(ctx, ctx.organization)),
});
