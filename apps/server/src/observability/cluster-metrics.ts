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

/** In the primary: answers workers' scrapes with the whole cluster's metrics. */
export function serveClusterMetrics(registry: Registry): void {
  let nextId = 0;
  const pending = new Map<number, (metrics: Metrics) => void>();

  const collectFrom = (worker: Worker): Promise<Metrics | null> =>
    new Promise((resolve) => {
      nextId += 1;
      const id = nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, COLLECT_TIMEOUT_MS);
      pending.set(id, (metrics) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(metrics);
      });
      worker.send({ type: 'picineiros:metrics:collect', id } satisfies Message);
    });

  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'picineiros:metrics:collected') pending.get(message.id)?.(message.metrics);
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
  let nextId = 0;
  const pending = new Map<number, (outcome: { text: string } | { reason: string }) => void>();
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'picineiros:metrics:gathered') pending.get(message.id)?.({ text: message.text });
    if (message.type === 'picineiros:metrics:failed') pending.get(message.id)?.({ reason: message.reason });
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
  return () =>
    new Promise((resolve, reject) => {
      nextId += 1;
      const id = nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not answer the metrics request'));
      }, COLLECT_TIMEOUT_MS * 2);
      pending.set(id, (outcome) => {
        clearTimeout(timer);
        pending.delete(id);
        if ('text' in outcome) resolve(outcome.text);
        else reject(new Error(`the cluster's metrics could not be gathered: ${outcome.reason}`));
      });
      process.send?.({ type: 'picineiros:metrics:gather', id } satisfies Message);
    });
}
