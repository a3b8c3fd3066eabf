import { scrubBreadcrumbFields, scrubEventFields } from '@picineiros/api/client';
import type { Breadcrumb, ErrorEvent } from '@sentry/node';

// Sentry's hooks over the shared scrubber (packages/api/src/shared/scrub.ts, also used by the desktop).
// It takes and returns plain objects of the same shape, with fewer fields and scrubbed strings.

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  return scrubEventFields(event);
}

export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return scrubBreadcrumbFields(breadcrumb);
}
