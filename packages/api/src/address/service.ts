import { consumeRateLimit, type RateLimit } from '../shared/rate-limit';
import type { OrgContext } from '../shared/org-context';
import type { TCepLookupResult, TLookupCepInput } from './schema';

/**
 * A member types a few CEPs an hour; the limit only stops a script from using the server as a free proxy
 * to the CEP service. Per member and per organization, stored, so it holds across server processes.
 */
export const CEP_LOOKUP_LIMITS = {
  member: { bucket: 'cep-lookup:member', max: 120, windowMs: 60 * 60 * 1000 },
  organization: { bucket: 'cep-lookup:organization', max: 600, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimit>;

export async function lookupCep(ctx: OrgContext, input: TLookupCepInput): Promise<TCepLookupResult> {
  if (!ctx.cepLookup) return { status: 'unavailable' };
  await consumeRateLimit(
    ctx.em,
    [
      { limit: CEP_LOOKUP_LIMITS.member, subject: ctx.membership.id },
      { limit: CEP_LOOKUP_LIMITS.organization, subject: ctx.organization.id },
    ],
    ctx.clock(),
  );
  return ctx.cepLookup(input.cep);
}
