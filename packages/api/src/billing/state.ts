import type { ReadOnlyReason, Subscription } from '@picineiros/db';
import { billingMessages } from './messages';

export type BillingSettings = {
  /** Length of the trial a new organization gets. */
  trialDays: number;
  /** Days an organization keeps writing after an invoice becomes overdue. */
  graceDays: number;
};

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { trialDays: 14, graceDays: 7 };

const DAY_MS = 86_400_000;
/** The trial banner shows from this many days before the end. */
const TRIAL_BANNER_DAYS = 3;

export type BannerKind = 'trial_ending' | 'past_due' | 'canceled' | 'read_only';

export type BillingState = {
  readOnlyReason: ReadOnlyReason | null;
  trialDaysLeft: number | null;
  graceEndsAt: Date | null;
  banner: { kind: BannerKind; daysLeft: number | null; message: string } | null;
};

function daysUntil(end: Date, now: Date): number {
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / DAY_MS));
}

function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

function readOnly(reason: ReadOnlyReason, trialDaysLeft: number | null = null): BillingState {
  return {
    readOnlyReason: reason,
    trialDaysLeft,
    graceEndsAt: null,
    banner: { kind: 'read_only', daysLeft: null, message: billingMessages.readOnly(reason) },
  };
}

/**
 * Whether the organization may write, and what the banner says, from the stored status and the clock.
 * Nothing here is stored: time passing (a trial or a grace period ending) needs no job.
 */
export function deriveBillingState(
  subscription: Subscription,
  now: Date,
  settings: BillingSettings,
): BillingState {
  switch (subscription.status) {
    case 'trialing': {
      const trialEnd = subscription.trialEndsAt ?? now;
      if (now < trialEnd) {
        const daysLeft = daysUntil(trialEnd, now);
        return {
          readOnlyReason: null,
          trialDaysLeft: daysLeft,
          graceEndsAt: null,
          banner:
            daysLeft <= TRIAL_BANNER_DAYS
              ? {
                  kind: 'trial_ending',
                  daysLeft,
                  message: billingMessages.trialEnding(daysLeft, Boolean(subscription.asaasSubscriptionId)),
                }
              : null,
        };
      }
      // Subscribed during the trial: the first invoice is due at its end, with the same grace as any other.
      if (subscription.asaasSubscriptionId) {
        const graceEndsAt = addDays(trialEnd, settings.graceDays);
        if (now < graceEndsAt) {
          const daysLeft = daysUntil(graceEndsAt, now);
          return {
            readOnlyReason: null,
            trialDaysLeft: 0,
            graceEndsAt,
            banner: { kind: 'past_due', daysLeft, message: billingMessages.pastDue(daysLeft) },
          };
        }
      }
      return readOnly('trial_ended', 0);
    }
    case 'active':
      return { readOnlyReason: null, trialDaysLeft: null, graceEndsAt: null, banner: null };
    case 'past_due': {
      const graceEndsAt = addDays(subscription.pastDueSince ?? now, settings.graceDays);
      if (now < graceEndsAt) {
        const daysLeft = daysUntil(graceEndsAt, now);
        return {
          readOnlyReason: null,
          trialDaysLeft: null,
          graceEndsAt,
          banner: { kind: 'past_due', daysLeft, message: billingMessages.pastDue(daysLeft) },
        };
      }
      return { ...readOnly('past_due'), graceEndsAt };
    }
    case 'canceled': {
      const end = subscription.currentPeriodEnd ?? subscription.canceledAt ?? now;
      if (now < end) {
        const daysLeft = daysUntil(end, now);
        return {
          readOnlyReason: null,
          trialDaysLeft: null,
          graceEndsAt: null,
          banner: { kind: 'canceled', daysLeft, message: billingMessages.canceled(daysLeft) },
        };
      }
      return readOnly('canceled');
    }
    case 'expired':
      return readOnly('expired');
  }
}
