import { AccountToken, Appointment, Client, Membership } from '@picineiros/db';
import type { OrgContext } from '../shared/org-context';
import { FIRST_STEPS, type FirstStep, type TFirstSteps } from './schema';

// The component that shows the steps imports their names from here.
export type { FirstStep } from './schema';

/**
 * Derived from the data, so nothing is stored and nothing can drift: the company's details (CNPJ/CPF,
 * phone, city) and logo are filled in, a client and a visit exist (archived ones count: they were made),
 * someone else was invited or joined, and the caller's e-mail is confirmed. Existence checks only (one row
 * each), so a large organization pays nothing for it.
 */
export async function describeFirstSteps(ctx: OrgContext): Promise<TFirstSteps> {
  const organization = ctx.organization;
  const [client, visit, otherMember, invite] = await Promise.all([
    ctx.em.findOne(Client, {}, { fields: ['id'] }),
    ctx.em.findOne(Appointment, {}, { fields: ['id'] }),
    ctx.em.findOne(Membership, { organization, id: { $ne: ctx.membership.id } }, { fields: ['id'] }),
    ctx.em.findOne(AccountToken, { organization, purpose: 'invite' }, { fields: ['id'] }),
  ]);
  const done: Record<FirstStep, boolean> = {
    company: Boolean(
      organization.document && organization.phone && organization.city && organization.logoContentType,
    ),
    client: client !== null,
    visit: visit !== null,
    team: otherMember !== null || invite !== null,
    email: ctx.user.emailVerifiedAt != null,
  };
  const steps = FIRST_STEPS.map((step) => ({ step, done: done[step] }));
  return {
    steps,
    complete: steps.every((step) => step.done),
    dismissed: organization.firstStepsDismissedAt != null,
  };
}

/** Hides the checklist for the whole team (an owner or admin who does not need it). */
export async function dismissFirstSteps(ctx: OrgContext): Promise<TFirstSteps> {
  ctx.organization.firstStepsDismissedAt ??= ctx.clock();
  await ctx.em.flush();
  return describeFirstSteps(ctx);
}
