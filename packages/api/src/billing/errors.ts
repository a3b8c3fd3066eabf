import { TRPCError } from '@trpc/server';
import type { TBillingErrorData } from './schema';

/**
 * The cause of a billing refusal: the error formatter copies `data` to `error.data.billing`, so the UI can
 * tell a read-only organization (banner, link to the billing screen) from a plan limit.
 */
export class BillingRefusal extends Error {
  constructor(
    message: string,
    readonly data: TBillingErrorData,
  ) {
    super(message);
    this.name = 'BillingRefusal';
  }
}

export function billingError(
  code: 'PRECONDITION_FAILED' | 'BAD_GATEWAY',
  message: string,
  data: TBillingErrorData,
): TRPCError {
  return new TRPCError({ code, message, cause: new BillingRefusal(message, data) });
}
