import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  Invoice,
  Organization,
  Subscription,
  WebhookEvent,
  type Database,
  type EntityManager,
  type InvoiceStatus,
} from '@picineiros/db';
import { z } from '../shared/validation';
import { ZAsaasWebhookEvent, type AsaasPayment, type AsaasWebhookEvent } from './asaas';
import { applyPayment, invoiceStatusOfPayment } from './invoices';
import { recomputeSubscription } from './subscription';

// Asaas webhooks: stored first (unique event id), processed after. A duplicate delivery of a processed
// event does nothing; an event whose processing failed stays unprocessed and is retried by the job or by
// its next delivery. Processing only reads and writes our database (no call back to Asaas), so it is quick
// and the answer goes out well within Asaas's timeout.

export const ASAAS_PROVIDER = 'asaas';
/** After this many failed attempts an event is marked failed and left for a person to look at. */
export const MAX_WEBHOOK_ATTEMPTS = 10;

export const HANDLED_EVENTS = [
  'PAYMENT_CREATED',
  'PAYMENT_UPDATED',
  'PAYMENT_CONFIRMED',
  'PAYMENT_RECEIVED',
  'PAYMENT_OVERDUE',
  'PAYMENT_DELETED',
  'PAYMENT_RESTORED',
  'PAYMENT_REFUNDED',
  'SUBSCRIPTION_CREATED',
  'SUBSCRIPTION_UPDATED',
  'SUBSCRIPTION_INACTIVATED',
  'SUBSCRIPTION_DELETED',
] as const;

/** Thrown when an event names something not known yet (its creation is still committing): retry later. */
export class NotYetKnown extends Error {}

/** The event says what happened; the payload's status is the fallback (PAYMENT_CREATED/UPDATED/RESTORED). */
function invoiceStatusOfEvent(type: string, payment: AsaasPayment): InvoiceStatus {
  switch (type) {
    case 'PAYMENT_CONFIRMED':
      return 'confirmed';
    case 'PAYMENT_RECEIVED':
      return 'received';
    case 'PAYMENT_OVERDUE':
      return 'overdue';
    case 'PAYMENT_DELETED':
      return 'deleted';
    case 'PAYMENT_REFUNDED':
      return 'refunded';
    default:
      return invoiceStatusOfPayment(payment);
  }
}

export type WebhookReceipt =
  | { status: 400; error: string }
  | { status: 200; eventId: string; eventType: string; duplicate: boolean; processed: boolean };

const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

/** Handles one delivery's parsed JSON body (the HTTP layer has checked the token). */
export async function receiveAsaasWebhook(
  database: Database,
  body: unknown,
  now: Date,
): Promise<WebhookReceipt> {
  const minimal = z.looseObject({ id: z.string().min(1).max(200), event: z.string().min(1).max(60) });
  const parsed = minimal.safeParse(body);
  if (!parsed.success) return { status: 400, error: 'expected an Asaas event: { id, event, ... }' };
  const em = database.fork();
  let event: WebhookEvent;
  let duplicate = false;
  try {
    event = em.create(WebhookEvent, {
      provider: ASAAS_PROVIDER,
      eventId: parsed.data.id,
      type: parsed.data.event,
      payload: JSON.stringify(body),
      receivedAt: now,
      nextAttemptAt: now,
    });
    await em.flush();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    duplicate = true;
    em.clear();
    event = await em.findOneOrFail(WebhookEvent, { provider: ASAAS_PROVIDER, eventId: parsed.data.id });
  }
  // A redelivery of an event that failed before is the earliest chance to finish it.
  if (event.processedAt || event.outcome === 'failed') {
    return {
      status: 200,
      eventId: event.eventId,
      eventType: event.type,
      duplicate,
      processed: Boolean(event.processedAt),
    };
  }
  const processed = await processWebhookEvent(database, event.id, now);
  return { status: 200, eventId: event.eventId, eventType: event.type, duplicate, processed };
}

/**
 * Processes a stored event in one transaction with its effects, then marks it processed; on failure,
 * records the attempt (and the next time to try) and returns false. Safe to run twice: effects are
 * derived from state (invoice statuses only move forward; the subscription is recomputed from them).
 */
export async function processWebhookEvent(
  database: Database,
  eventRowId: string,
  now: Date,
): Promise<boolean> {
  try {
    await database.fork().transactional(async (em) => {
      const event = await em.findOneOrFail(WebhookEvent, eventRowId);
      if (event.processedAt) return;
      const result = await applyEvent(em, event, now);
      event.processedAt = now;
      event.outcome = result.outcome;
      event.organizationId = result.organizationId;
      event.lastError = null;
      event.attempts += 1;
      event.nextAttemptAt = null;
    });
    return true;
  } catch (error) {
    const em = database.fork();
    const event = await em.findOne(WebhookEvent, eventRowId);
    if (event && !event.processedAt) {
      event.attempts += 1;
      event.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      event.nextAttemptAt = new Date(now.getTime() + retryDelayMs(event.attempts));
      if (event.attempts >= MAX_WEBHOOK_ATTEMPTS) event.outcome = 'failed';
      await em.flush();
    }
    return false;
  }
}

async function applyEvent(
  em: EntityManager,
  event: WebhookEvent,
  now: Date,
): Promise<{ outcome: 'processed' | 'ignored'; organizationId: string | null }> {
  const parsed = ZAsaasWebhookEvent.safeParse(JSON.parse(event.payload));
  if (!parsed.success) throw new Error(`payload does not match: ${parsed.error.issues[0]?.message ?? ''}`);
  const body = parsed.data;
  if (body.event.startsWith('PAYMENT_') && body.payment)
    return applyPaymentEvent(em, body, body.payment, now);
  if (body.event.startsWith('SUBSCRIPTION_') && body.subscription)
    return applySubscriptionEvent(em, body, now);
  return { outcome: 'ignored', organizationId: null };
}

async function findSubscription(
  em: EntityManager,
  asaasSubscriptionId: string,
): Promise<Subscription | null> {
  return em.findOne(
    Subscription,
    { asaasSubscriptionId },
    { populate: ['organization', 'plan'], filters: { tenant: false } },
  );
}

async function applyPaymentEvent(
  em: EntityManager,
  body: AsaasWebhookEvent,
  payment: AsaasPayment,
  now: Date,
): Promise<{ outcome: 'processed' | 'ignored'; organizationId: string | null }> {
  if (!(HANDLED_EVENTS as readonly string[]).includes(body.event))
    return { outcome: 'ignored', organizationId: null };
  // One-off charges (no subscription) are not ours to mirror yet.
  if (!payment.subscription) return { outcome: 'ignored', organizationId: null };
  // An invoice we already mirror keeps its subscription even after the organization subscribed again
  // (late events of the old subscription, such as the deletions a cancellation causes, still apply).
  const existing = await em.findOne(
    Invoice,
    { asaasPaymentId: payment.id },
    { populate: ['subscription', 'subscription.organization'], filters: { tenant: false } },
  );
  const subscription = existing?.subscription ?? (await findSubscription(em, payment.subscription));
  if (!subscription) {
    // Either another system's subscription, or ours whose subscribe call has not committed yet: retried.
    throw new NotYetKnown(`subscription ${payment.subscription} not known (yet)`);
  }
  const organization = subscription.organization;
  applyPayment(
    em,
    existing,
    subscription,
    organization,
    payment,
    invoiceStatusOfEvent(body.event, payment),
    now,
  );
  await em.flush();
  await recomputeSubscription(em, subscription, organization.timezone);
  return { outcome: 'processed', organizationId: organization.id };
}

async function applySubscriptionEvent(
  em: EntityManager,
  body: AsaasWebhookEvent,
  now: Date,
): Promise<{ outcome: 'processed' | 'ignored'; organizationId: string | null }> {
  const remote = body.subscription;
  if (!remote) return { outcome: 'ignored', organizationId: null };
  let subscription = await findSubscription(em, remote.id);
  if (!subscription) {
    // Ours (externalReference = organization id) whose subscribe call is still committing: retry later.
    const organizationId = remote.externalReference;
    if (
      organizationId &&
      z.uuid().safeParse(organizationId).success &&
      (await em.count(Organization, organizationId))
    ) {
      subscription = await em.findOne(
        Subscription,
        { organization: organizationId },
        { populate: ['organization', 'plan'], filters: { tenant: false } },
      );
      // A subscription the organization has replaced since (canceled, then subscribed again): old news.
      if (subscription?.asaasSubscriptionId && subscription.asaasSubscriptionId !== remote.id) {
        return { outcome: 'ignored', organizationId };
      }
      throw new NotYetKnown(`subscription ${remote.id} not known (yet)`);
    }
    return { outcome: 'ignored', organizationId: null };
  }
  const ended =
    body.event === 'SUBSCRIPTION_INACTIVATED' ||
    body.event === 'SUBSCRIPTION_DELETED' ||
    Boolean(remote.deleted) ||
    remote.status === 'INACTIVE' ||
    remote.status === 'EXPIRED';
  if (ended) {
    if (remote.status === 'EXPIRED') subscription.status = 'expired';
    else if (subscription.status !== 'expired') subscription.status = 'canceled';
    subscription.canceledAt ??= now;
  }
  return { outcome: 'processed', organizationId: subscription.organization.id };
}

/** The retry job: every stored event not processed yet whose next attempt is due. */
export async function retryWebhookEvents(
  database: Database,
  now: Date,
  limit = 50,
): Promise<{ attempted: number; processed: number }> {
  const due = await database
    .fork()
    .find(
      WebhookEvent,
      { processedAt: null, outcome: null, nextAttemptAt: { $lte: now } },
      { orderBy: { receivedAt: 'asc', id: 'asc' }, limit, fields: ['id'] },
    );
  let processed = 0;
  for (const event of due) if (await processWebhookEvent(database, event.id, now)) processed += 1;
  return { attempted: due.length, processed };
}

/** Processed events are kept this long (support, replays), then deleted: their payloads name people. */
export const WEBHOOK_RETENTION_DAYS = 90;

export async function pruneWebhookEvents(database: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - WEBHOOK_RETENTION_DAYS * 86_400_000);
  return database.fork().nativeDelete(WebhookEvent, { processedAt: { $ne: null, $lt: before } });
}
