import type { SlowQuery, SlowQuerySettings } from '@picineiros/db';

type WarnLogger = { warn(object: object, message?: string): void };

export type SlowQueryLog = {
  /** For openDatabase (undefined: off). */
  settings: SlowQuerySettings | undefined;
  /** From now on, slow statements go to this logger (the server's, once it exists). */
  useLogger(logger: WarnLogger): void;
};

const CONTEXT_KEYS = ['requestId', 'userId', 'organizationId'] as const;

// Before the server's logger exists (migrations at start), lines go to stderr, still as JSON.
const stderrLogger: WarnLogger = {
  warn: (object, message) => {
    process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), ...object, msg: message })}\n`);
  },
};

/**
 * Logs every statement that took at least `thresholdMs` (0: off) as a `slow query` warning: the SQL with
 * placeholders, the duration, and the request, user and organization it ran for. Parameter values are
 * never logged: they hold names, e-mails and documents.
 */
export function createSlowQueryLog(thresholdMs: number): SlowQueryLog {
  let logger = stderrLogger;
  const report = (query: SlowQuery) => {
    const context: Record<string, unknown> = {};
    for (const key of CONTEXT_KEYS) {
      const value = query.context[key];
      if (typeof value === 'string') context[key] = value;
    }
    logger.warn(
      { ...context, sql: query.sql.slice(0, 2000), durationMs: query.tookMs, failed: query.failed },
      'slow query',
    );
  };
  return {
    settings: thresholdMs > 0 ? { thresholdMs, report } : undefined,
    useLogger: (next) => {
      logger = next;
    },
  };
}
