import type { Breadcrumb, ErrorEvent } from '@sentry/node';

// Personal data (LGPD) and credentials that must never leave for the error tracker. Error messages and
// breadcrumbs can quote input ("e-mail fulano@x.com já cadastrado"), so every string is scrubbed, not
// only the fields known to hold such data.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CNPJ = /(?<![\d.])\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}(?![\d])/g;
const CPF = /(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_QUERY = /((?:^|[?&])(?:token|code|key|password|senha)=)[^&#\s]*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

const SECRET_KEY =
  /pass(word)?|senha|token|secret|cookie|authorization|csrf|cpf|cnpj|document|email|phone|telefone/i;
const REDACTED = '[redacted]';
const MAX_DEPTH = 12;

export function scrubText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BEARER, `Bearer ${REDACTED}`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(EMAIL, '[email]')
    .replace(CNPJ, '[cnpj]')
    .replace(CPF, '[cpf]');
}

/** A copy of `value` with every string scrubbed and every value under a sensitive key redacted. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      SECRET_KEY.test(key) ? REDACTED : scrubValue(child, depth + 1),
    ]),
  );
}

const KEPT_HEADERS = new Set(['user-agent', 'content-type', 'accept', 'x-request-id', 'host']);

/**
 * Sentry's beforeSend: no request body, cookies or auth headers; the user only by id; no local variables
 * of stack frames; personal data removed from every remaining string.
 */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  const scrubbed = { ...event };
  if (scrubbed.request) {
    const { headers, url, query_string: queryString, method } = scrubbed.request;
    scrubbed.request = {
      ...(method ? { method } : {}),
      ...(url ? { url: scrubText(url) } : {}),
      ...(typeof queryString === 'string' ? { query_string: scrubText(queryString) } : {}),
      ...(headers
        ? {
            headers: Object.fromEntries(
              Object.entries(headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
            ),
          }
        : {}),
    };
  }
  if (scrubbed.user) scrubbed.user = scrubbed.user.id === undefined ? {} : { id: scrubbed.user.id };
  if (scrubbed.message) scrubbed.message = scrubText(scrubbed.message);
  if (scrubbed.exception?.values) {
    scrubbed.exception = {
      ...scrubbed.exception,
      values: scrubbed.exception.values.map((exception) => ({
        ...exception,
        ...(exception.value === undefined ? {} : { value: scrubText(exception.value) }),
        ...(exception.stacktrace?.frames
          ? {
              stacktrace: {
                ...exception.stacktrace,
                // Source lines around a frame can quote literals too; local variables are dropped.
                frames: exception.stacktrace.frames.map(
                  ({
                    vars: _vars,
                    context_line: line,
                    pre_context: before,
                    post_context: after,
                    ...frame
                  }) => ({
                    ...frame,
                    ...(line === undefined ? {} : { context_line: scrubText(line) }),
                    ...(before ? { pre_context: before.map(scrubText) } : {}),
                    ...(after ? { post_context: after.map(scrubText) } : {}),
                  }),
                ),
              },
            }
          : {}),
      })),
    };
  }
  if (scrubbed.breadcrumbs) scrubbed.breadcrumbs = scrubbed.breadcrumbs.map(scrubBreadcrumb);
  if (scrubbed.extra) scrubbed.extra = scrubValue(scrubbed.extra) as ErrorEvent['extra'];
  if (scrubbed.contexts) scrubbed.contexts = scrubValue(scrubbed.contexts) as ErrorEvent['contexts'];
  if (scrubbed.tags) scrubbed.tags = scrubValue(scrubbed.tags) as ErrorEvent['tags'];
  return scrubbed;
}

export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return {
    ...breadcrumb,
    ...(breadcrumb.message === undefined ? {} : { message: scrubText(breadcrumb.message) }),
    ...(breadcrumb.data ? { data: scrubValue(breadcrumb.data) as Breadcrumb['data'] } : {}),
  };
}
