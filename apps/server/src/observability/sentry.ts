import type * as SentrySdk from '@sentry/node';
import type { Config } from '../config';
import { scrubBreadcrumb, scrubEvent } from './scrub';

export type ErrorTracker = {
  enabled: boolean;
  capture(error: unknown, context?: { requestId?: string; procedure?: string }): void;
  close(): Promise<void>;
};

const disabled: ErrorTracker = {
  enabled: false,
  capture: () => undefined,
  close: () => Promise.resolve(),
};

/**
 * Error tracking with Sentry when SENTRY_DSN is set; otherwise nothing is initialised and nothing is
 * sent. Only errors (no tracing), never default PII, and every event scrubbed (see scrub.ts).
 * `transport` lets a test see the events instead of sending them.
 */
export async function initErrorTracking(
  config: Pick<Config, 'sentryDsn' | 'sentryEnvironment'>,
  options: { transport?: SentrySdk.NodeOptions['transport'] } = {},
): Promise<ErrorTracker> {
  if (!config.sentryDsn) return disabled;
  // Loaded only when enabled: importing the SDK (OpenTelemetry and all) takes ~0.7 s.
  const Sentry = await import('@sentry/node');
  Sentry.init({
    dsn: config.sentryDsn,
    environment: config.sentryEnvironment,
    // What `sendDefaultPii: false` meant, spelled out (that option is deprecated in SDK 10): no user
    // fields, cookies, bodies, query values, SQL data or frame variables; only harmless request headers.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { allow: ['user-agent', 'content-type', 'accept'] }, response: false },
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
      stackFrameVariables: false,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
    },
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  return {
    enabled: true,
    capture(error, context = {}) {
      Sentry.withScope((scope) => {
        if (context.requestId) scope.setTag('request_id', context.requestId);
        if (context.procedure) scope.setTag('procedure', context.procedure);
        Sentry.captureException(error);
      });
    },
    close: async () => {
      await Sentry.close(2000);
    },
  };
}
