import { describeDeletion } from '../privacy/service';
import { orgProcedure, roleProcedure, router } from '../trpc';
import { describeFirstSteps, dismissFirstSteps } from './first-steps';
import { readOrganizationLogo, removeOrganizationLogo, setOrganizationLogo } from './logo';
import { ZSetOrganizationLogoInput, ZUpdateOrganizationInput } from './schema';
import { describeOrganization, updateOrganization } from './service';

export const organizationsRouter = router({
  current: orgProcedure.query(({ ctx }) => ({
    ...describeOrganization(ctx.organization),
    role: ctx.membership.role,
    /** Set while an owner's deletion request waits for its grace period to end (show a banner). */
    deletion: describeDeletion(ctx.organization),
  })),
  /** The dashboard's "Primeiros passos" checklist (derived from the data; forwarded by the desktop core). */
  firstSteps: orgProcedure.query(({ ctx }) => describeFirstSteps(ctx)),
  dismissFirstSteps: roleProcedure('admin').mutation(({ ctx }) => dismissFirstSteps(ctx)),
  update: roleProcedure('admin')
    .input(ZUpdateOrganizationInput)
    .mutation(({ ctx, input }) => updateOrganization(ctx, ctx.organization, input)),
  // The logo on report headers: every member sees it, owners and admins change it.
  logo: orgProcedure.query(async ({ ctx }) => {
    const logo = await readOrganizationLogo(ctx, ctx.organization.id);
    return logo ? { contentType: logo.contentType, base64: logo.bytes.toString('base64') } : null;
  }),
  setLogo: roleProcedure('admin')
    .input(ZSetOrganizationLogoInput)
    .mutation(({ ctx, input }) => setOrganizationLogo(ctx, ctx.organization, input)),
  removeLogo: roleProcedure('admin').mutation(({ ctx }) => removeOrganizationLogo(ctx, ctx.organization)),
});
