import { randomBytes } from 'node:crypto';
import { dateTime, type Delivery, type FakeEvent, type FakePayment, type FakeSubscription } from './model';

export type WebhookOptions = {
  clock: () => Date;
  webhookUrl?: string | undefined;
  webhookToken?: string | undefined;
  /** Send queued webhooks by themselves (default true); tests turn it off and call deliver(). */
  autoDeliver?: boolean | undefined;
};

type EventBody = { payment?: FakePayment; subscription?: FakeSubscription };

/**
 * The fake's outgoing webhooks, sent the way Asaas sends them: a POST with the `asaas-access-token` header,
 * one at a time and in order, each event carrying a snapshot of its object.
 */
export function createWebhookQueue(options: WebhookOptions) {
  const queue: FakeEvent[] = [];
  const deliveries: Delivery[] = [];
  let webhookUrl = options.webhookUrl;
  let webhookToken = options.webhookToken ?? '';
  let autoDeliver = options.autoDeliver ?? true;
  let sequence = 0;
  let delivering: Promise<Delivery[]> = Promise.resolve([]);

  /** An event, not queued. */
  function eventOf(type: string, body: EventBody): FakeEvent {
    sequence += 1;
    return {
      id: `evt_${randomBytes(16).toString('hex')}&${sequence}`,
      event: type,
      dateCreated: dateTime(options.clock()),
      // A snapshot, as Asaas sends the object as it was when the event happened.
      ...(body.payment ? { payment: { ...body.payment } } : {}),
      ...(body.subscription ? { subscription: { ...body.subscription } } : {}),
    };
  }

  /** Queues an event (and sends it soon, unless tests deliver by hand). */
  function emit(type: string, body: EventBody): FakeEvent {
    const created = eventOf(type, body);
    queue.push(created);
    if (autoDeliver) setImmediate(() => void deliver());
    return created;
  }

  async function post(created: FakeEvent): Promise<Delivery> {
    if (!webhookUrl) return { event: created, status: null, error: 'no webhook URL' };
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'asaas-access-token': webhookToken },
        body: JSON.stringify(created),
      });
      await response.arrayBuffer();
      return { event: created, status: response.status };
    } catch (error) {
      return { event: created, status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Sends every queued webhook, in order, one at a time (as Asaas's queue does). */
  function deliver(): Promise<Delivery[]> {
    delivering = delivering.then(async () => {
      const sent: Delivery[] = [];
      while (queue.length > 0) {
        const next = queue.shift() as FakeEvent;
        const delivery = await post(next);
        deliveries.push(delivery);
        sent.push(delivery);
      }
      return sent;
    });
    return delivering;
  }

  /** Sends one event now, outside the queue (a duplicate, an out-of-order one). */
  async function send(created: FakeEvent): Promise<Delivery> {
    const delivery = await post(created);
    deliveries.push(delivery);
    return delivery;
  }

  return {
    queue,
    deliveries,
    eventOf,
    emit,
    deliver,
    send,
    setWebhook: (url: string, token: string) => {
      webhookUrl = url;
      webhookToken = token;
    },
    setAutoDeliver: (value: boolean) => {
      autoDeliver = value;
    },
    /** Resolves once the delivery under way (if any) is over. */
    async settled(): Promise<void> {
      await delivering;
    },
  };
}

export type WebhookQueue = ReturnType<typeof createWebhookQueue>;
