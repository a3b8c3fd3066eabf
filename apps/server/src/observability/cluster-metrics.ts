// With SERVER_WORKERS > 1 each process counts what it does (the workers their requests, the primary its
// jobs), and a scrape lands on whichever worker takes the connection. That worker asks the primary, which
// collects every live worker's registry and its own over the cluster's IPC channel and sums them with
// prom-client's AggregatorRegistry (counters and histograms add up; see `aggregator` on the gauges).
import cluster, { type Worker } from 'node:cluster';
import {
  AggregatorRegistry,
  type MetricObjectWithValues,
  type MetricValue,
  type Registry,
} from 'prom-client';

type Metrics = MetricObjectWithValues<MetricValue<string>>[];

type Message =
  | { type: 'picineiros:metrics:gather'; id: number }
  | { type: 'picineiros:metrics:gathered'; id: number; text: string }
  | { type: 'picineiros:metrics:failed'; id: number; reason: string }
  | { type: 'picineiros:metrics:collect'; id: number }
  | { type: 'picineiros:metrics:collected'; id: number; metrics: Metrics };

/** How long the primary waits for a worker's registry: a worker that is restarting is left out. */
const COLLECT_TIMEOUT_MS = 2000;

function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    value.type.startsWith('picineiros:metrics:')
  );
}

/**
 * Requests answered by id over the IPC channel: `request` sends with a new id and resolves with the reply
 * that `settle` receives for it, or with null after `timeoutMs`.
 */
function repliesById<Reply>(timeoutMs: number) {
  let nextId = 0;
  const pending = new Map<number, (reply: Reply | null) => void>();
  return {
    request(send: (id: number) => void): Promise<Reply | null> {
      nextId += 1;
      const id = nextId;
      return new Promise((resolve) => {
        const settle = (reply: Reply | null) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(reply);
        };
        const timer = setTimeout(() => {
          settle(null);
        }, timeoutMs);
        pending.set(id, settle);
        send(id);
      });
    },
    settle(id: number, reply: Reply): void {
      pending.get(id)?.(reply);
    },
  };
}

/** In the primary: answers workers' scrapes with the whole cluster's metrics. */
export function serveClusterMetrics(registry: Registry): void {
  const collected = repliesById<Metrics>(COLLECT_TIMEOUT_MS);
  const collectFrom = (worker: Worker) =>
    collected.request((id) => worker.send({ type: 'picineiros:metrics:collect', id } satisfies Message));

  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'picineiros:metrics:collected') collected.settle(message.id, message.metrics);
    if (message.type !== 'picineiros:metrics:gather') return;
    const workers = Object.values(cluster.workers ?? {}).filter(
      (candidate): candidate is Worker => candidate !== undefined && candidate.isConnected(),
    );
    const answer = (reply: Message) => {
      if (worker.isConnected()) worker.send(reply);
    };
    // A failure is the scrape's (the worker answers it with an error), never an unhandled rejection here.
    void Promise.all([registry.getMetricsAsJSON(), ...workers.map(collectFrom)])
      .then((all) => AggregatorRegistry.aggregate(all.filter((metrics) => metrics !== null)).metrics())
      .then(
        (text) => {
          answer({ type: 'picineiros:metrics:gathered', id: message.id, text });
        },
        (error: unknown) => {
          answer({ type: 'picineiros:metrics:failed', id: message.id, reason: String(error) });
        },
      );
  });
}

/**
 * In a worker: hands its registry to the primary when asked, and returns the function `/metrics` calls to
 * get the whole cluster's metrics (in the Prometheus text format).
 */
export function joinClusterMetrics(registry: Registry): () => Promise<string> {
  const gathered = repliesById<{ text: string } | { reason: string }>(COLLECT_TIMEOUT_MS * 2);
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'picineiros:metrics:gathered') gathered.settle(message.id, { text: message.text });
    if (message.type === 'picineiros:metrics:failed') gathered.settle(message.id, { reason: message.reason });
    if (message.type !== 'picineiros:metrics:collect') return;
    // A registry that fails to read is left out of the sum (as a worker that does not answer).
    void registry.getMetricsAsJSON().then(
      (metrics) =>
        process.send?.({ type: 'picineiros:metrics:collected', id: message.id, metrics } satisfies Message),
      () =>
        process.send?.({
          type: 'picineiros:metrics:collected',
          id: message.id,
          metrics: [],
        } satisfies Message),
    );
  });
  return async () => {
    const outcome = await gathered.request((id) =>
      process.send?.({ type: 'picineiros:metrics:gather', id } satisfies Message),
    );
    if (!outcome) throw new Error('the cluster primary did not answer the metrics request');
    if ('reason' in outcome)
      throw new Error(`the cluster's metrics could not be gathered: ${outcome.reason}`);
    return outcome.text;
  };
}
