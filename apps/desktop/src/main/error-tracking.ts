import { scrubBreadcrumbFields, scrubEventFields } from '@picineiros/api/client';
import type { DesktopConfig } from './config';

/**
 * Error tracking of the Electron main process (and native crashes of the windows) with Sentry, only when
 * a DSN is configured (config.json `sentryDsn` or PICINEIROS_SENTRY_DSN/SENTRY_DSN); otherwise nothing
 * is initialised. No personal data: nothing collected by default, and every event goes through the same
 * scrubber as the server's (packages/api/src/shared/scrub.ts).
 */
export async function startErrorTracking(config: DesktopConfig, version: string): Promise<boolean> {
  if (!config.sentryDsn) return false;
  // Loaded only when enabled: the SDK is large and the app should not pay for it at every start.
  const Sentry = await import('@sentry/electron/main');
  Sentry.init({
    dsn: config.sentryDsn,
    release: `picineiros-desktop@${version}`,
    tracesSampleRate: 0,
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
      stackFrameVariables: false,
    },
    beforeSend: (event) => scrubEventFields(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumbFields(breadcrumb),
  });
  return true;
}
