// Personal data (LGPD) and credentials that must never leave for an error tracker (Sentry), shared by the
// server and the desktop app. Error messages and breadcrumbs can quote input ("e-mail fulano@x.com já
// cadastrado"), so every string is scrubbed, not only the fields known to hold such data. Plain objects
// in, plain objects out: no tracker SDK is imported here.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CNPJ = /(?<![\d.])\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}(?!\d)/g;
// Also an unformatted 11-digit phone, which cannot be told from a CPF: it goes too.
const CPF = /(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?!\d)/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_QUERY = /((?:^|[?&])(?:token|code|key|password|senha)=)[^&#\s]*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

const SECRET_KEY =
  /pass(word)?|senha|token|secret|cookie|authorization|csrf|cpf|cnpj|document|email|phone|telefone/i;
const REDACTED = '[redacted]';
const MAX_DEPTH = 12;
const KEPT_HEADERS = new Set(['user-agent', 'content-type', 'accept', 'x-request-id', 'host']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

function scrubRequest(request: Json): Json {
  const { method, url, query_string: queryString, headers } = request;
  return {
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof url === 'string' ? { url: scrubText(url) } : {}),
    ...(typeof queryString === 'string' ? { query_string: scrubText(queryString) } : {}),
    ...(isObject(headers)
      ? {
          headers: Object.fromEntries(
            Object.entries(headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
          ),
        }
      : {}),
  };
}

// Local variables are dropped; the source lines around a frame can quote literals, so they are scrubbed.
function scrubFrame(frame: unknown): unknown {
  if (!isObject(frame)) return frame;
  const { vars: _vars, context_line: line, pre_context: before, post_context: after, ...rest } = frame;
  return {
    ...rest,
    ...(typeof line === 'string' ? { context_line: scrubText(line) } : {}),
    ...(Array.isArray(before) ? { pre_context: before.map((text) => scrubValue(text)) } : {}),
    ...(Array.isArray(after) ? { post_context: after.map((text) => scrubValue(text)) } : {}),
  };
}

function scrubException(exception: unknown): unknown {
  if (!isObject(exception)) return exception;
  const { value, stacktrace } = exception;
  const frames = isObject(stacktrace) && Array.isArray(stacktrace['frames']) ? stacktrace['frames'] : null;
  return {
    ...exception,
    ...(typeof value === 'string' ? { value: scrubText(value) } : {}),
    ...(isObject(stacktrace) && frames
      ? { stacktrace: { ...stacktrace, frames: frames.map(scrubFrame) } }
      : {}),
  };
}

export function scrubBreadcrumbFields<T extends object>(breadcrumb: T): T {
  const { message, data } = breadcrumb as Json;
  return {
    ...breadcrumb,
    ...(typeof message === 'string' ? { message: scrubText(message) } : {}),
    ...(data === undefined ? {} : { data: scrubValue(data) }),
  };
}

/**
 * For an error tracker's beforeSend: no request body, cookies or auth headers; the user only by id; no
 * local variables of stack frames; personal data removed from every remaining string.
 */
export function scrubEventFields<T extends object>(original: T): T {
  const event = original as Json;
  const scrubbed: Json = { ...event };
  const { request, user, message, exception, breadcrumbs } = event;
  if (isObject(request)) scrubbed['request'] = scrubRequest(request);
  if (isObject(user)) scrubbed['user'] = user['id'] === undefined ? {} : { id: user['id'] };
  if (typeof message === 'string') scrubbed['message'] = scrubText(message);
  if (isObject(exception) && Array.isArray(exception['values'])) {
    scrubbed['exception'] = { ...exception, values: exception['values'].map(scrubException) };
  }
  if (Array.isArray(breadcrumbs)) {
    scrubbed['breadcrumbs'] = (breadcrumbs as unknown[]).map((crumb) =>
      isObject(crumb) ? scrubBreadcrumbFields(crumb) : crumb,
    );
  }
  for (const key of ['extra', 'contexts', 'tags'] as const) {
    if (event[key] !== undefined) scrubbed[key] = scrubValue(event[key]);
  }
  // The same shape with fewer or scrubbed fields (see the module comment).
  return scrubbed as T;
}
