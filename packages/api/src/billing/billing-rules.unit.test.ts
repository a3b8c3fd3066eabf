import { Subscription, type InvoiceStatus, type SubscriptionStatus } from '@picineiros/db';
import { describe, expect, it } from 'vitest';
import { deriveBillingState } from './state';
import { nextInvoiceStatus } from './subscription';

const DAY = 86_400_000;
const NOW = new Date('2026-05-10T12:00:00Z');
const SETTINGS = { trialDays: 14, graceDays: 7 };

function subscription(status: SubscriptionStatus, fields: Partial<Subscription> = {}): Subscription {
  return Object.assign(new Subscription(), { status, ...fields });
}

const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe('deriveBillingState', () => {
  it('trialing: writable with a banner in the last 3 days; read-only once over, unless subscribed (grace)', () => {
    expect(
      deriveBillingState(subscription('trialing', { trialEndsAt: at(10) }), NOW, SETTINGS),
    ).toMatchObject({
      readOnlyReason: null,
      trialDaysLeft: 10,
      banner: null,
    });
    expect(
      deriveBillingState(subscription('trialing', { trialEndsAt: at(2.5) }), NOW, SETTINGS),
    ).toMatchObject({
      trialDaysLeft: 3,
      banner: { kind: 'trial_ending', daysLeft: 3 },
    });
    expect(
      deriveBillingState(subscription('trialing', { trialEndsAt: at(-0.001) }), NOW, SETTINGS),
    ).toMatchObject({
      readOnlyReason: 'trial_ended',
      banner: { kind: 'read_only' },
    });
    const subscribed = { trialEndsAt: at(-1), asaasSubscriptionId: 'sub_1' };
    expect(deriveBillingState(subscription('trialing', subscribed), NOW, SETTINGS)).toMatchObject({
      readOnlyReason: null,
      graceEndsAt: at(6),
      banner: { kind: 'past_due', daysLeft: 6 },
    });
    expect(
      deriveBillingState(subscription('trialing', { ...subscribed, trialEndsAt: at(-7.001) }), NOW, SETTINGS)
        .readOnlyReason,
    ).toBe('trial_ended');
  });

  it('past_due: writable during the grace, read-only from its end (exactly)', () => {
    const since = { pastDueSince: at(-7) };
    expect(
      deriveBillingState(subscription('past_due', since), at(-0.001), SETTINGS).readOnlyReason,
    ).toBeNull();
    expect(deriveBillingState(subscription('past_due', since), NOW, SETTINGS).readOnlyReason).toBe(
      'past_due',
    );
    expect(
      deriveBillingState(subscription('past_due', since), NOW, { ...SETTINGS, graceDays: 10 }),
    ).toMatchObject({
      readOnlyReason: null,
      banner: { kind: 'past_due', daysLeft: 3 },
    });
  });

  it('canceled: writable until the paid period ends; active: always; expired: never', () => {
    expect(
      deriveBillingState(subscription('canceled', { currentPeriodEnd: at(5) }), NOW, SETTINGS),
    ).toMatchObject({
      readOnlyReason: null,
      banner: { kind: 'canceled', daysLeft: 5 },
    });
    expect(
      deriveBillingState(subscription('canceled', { currentPeriodEnd: at(-1) }), NOW, SETTINGS)
        .readOnlyReason,
    ).toBe('canceled');
    expect(deriveBillingState(subscription('active'), NOW, SETTINGS)).toMatchObject({
      readOnlyReason: null,
      banner: null,
    });
    expect(deriveBillingState(subscription('expired'), NOW, SETTINGS).readOnlyReason).toBe('expired');
  });
});

describe('nextInvoiceStatus', () => {
  const cases: [InvoiceStatus, InvoiceStatus, InvoiceStatus][] = [
    ['pending', 'overdue', 'overdue'],
    ['overdue', 'received', 'received'],
    ['received', 'overdue', 'received'],
    ['received', 'pending', 'received'],
    ['confirmed', 'received', 'received'],
    ['received', 'confirmed', 'received'],
    ['received', 'refunded', 'refunded'],
    ['refunded', 'received', 'refunded'],
    ['pending', 'deleted', 'deleted'],
    ['overdue', 'deleted', 'deleted'],
    ['received', 'deleted', 'received'],
    ['deleted', 'pending', 'deleted'],
    ['deleted', 'overdue', 'deleted'],
    ['deleted', 'received', 'received'],
  ];
  it.each(cases)('%s then %s → %s', (current, incoming, expected) => {
    expect(nextInvoiceStatus(current, incoming)).toBe(expected);
  });
});
