import type { EntityMetadata } from '@mikro-orm/core';

/**
 * Tenant isolation lives here, once: every organization-owned entity declares this filter, which is on by
 * default and needs the organization id. The API's org-scoped procedures set it on their EntityManager; a
 * query that forgot to scope fails loudly ("No arguments provided for filter") instead of leaking data.
 * Jobs that work across organizations turn it off explicitly with `filters: { tenant: false }`.
 */
export const TENANT_FILTER = 'tenant';

export type TenantFilterParams = { organizationId: string };

export function tenantFilters(): EntityMetadata['filters'] {
  return {
    [TENANT_FILTER]: {
      name: TENANT_FILTER,
      cond: (params: TenantFilterParams) => ({ organization: params.organizationId }),
      default: true,
    },
  };
}
