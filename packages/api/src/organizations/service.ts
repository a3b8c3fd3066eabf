import type { Organization } from '@picineiros/db';
import type { Context } from '../context';
import type { TUpdateOrganizationInput } from './schema';

export function describeOrganization(organization: Organization) {
  return {
    id: organization.id,
    name: organization.name,
    document: organization.document ?? null,
    timezone: organization.timezone,
    hasLogo: organization.logoContentType != null,
  };
}

export async function updateOrganization(
  ctx: Context,
  organization: Organization,
  input: TUpdateOrganizationInput,
) {
  if (input.name !== undefined) organization.name = input.name;
  if (input.timezone !== undefined) organization.timezone = input.timezone;
  await ctx.em.flush();
  return describeOrganization(organization);
}
