// What the API reports about itself (metrics). The server fills it with Prometheus counters; the API only
// calls it, so nothing metrics-specific (prom-client) is imported by the packages the desktop bundles.

export type ProcedureOutcome = {
  /** The procedure's path, e.g. `clients.list`: a fixed set, safe as a metric label. */
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** `OK`, or the tRPC error code the caller got (`BAD_REQUEST`, `UNAUTHORIZED`…). */
  code: string;
  durationMs: number;
};

export type WebhookOutcome = {
  /** Who sent it, e.g. `asaas`. */
  provider: string;
  /** The provider's event type, e.g. `PAYMENT_RECEIVED`; unknown types are best reported as `other`. */
  event: string;
  /** processed: applied; ignored: valid but nothing to do (duplicate, unknown type); failed: rejected or threw. */
  outcome: 'processed' | 'ignored' | 'failed';
};

export type ApiObserver = {
  procedureCompleted(outcome: ProcedureOutcome): void;
  webhookHandled(outcome: WebhookOutcome): void;
};

/** For callers without metrics (scripts, benchmarks, the desktop). */
export const noopObserver: ApiObserver = {
  procedureCompleted: () => undefined,
  webhookHandled: () => undefined,
};
