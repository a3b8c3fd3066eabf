// A fuzz pass over every mutation of appRouter (issue 15): wrong types, huge strings, unicode edge cases,
// numbers at the edges, invalid dates, odd shapes. Shared by the test suite (a fast pass) and the soak
// script (the full pass). Every input the procedure's own zod schema refuses must be answered 4xx and
// change no row; an input the schema accepts (a valid but odd value) must still never be a 5xx.
import { appRouter } from '@picineiros/api/server';
import superjson from 'superjson';

type ZodLike = {
  safeParse(value: unknown): { success: boolean };
  _zod?: { def: { type: string; innerType?: ZodLike; in?: ZodLike; shape?: Record<string, ZodLike> } };
  shape?: Record<string, ZodLike>;
};
type Procedure = { _def: { type: string; inputs: ZodLike[] } };

const HUGE = 'x'.repeat(200_000);

/** The bad values, by family; `fast` takes one or two of each. */
export const FUZZ_VALUES: { family: string; label: string; value: unknown; fast?: true }[] = [
  { family: 'type', label: 'null', value: null, fast: true },
  { family: 'type', label: 'number', value: 12345, fast: true },
  { family: 'type', label: 'boolean', value: true },
  { family: 'type', label: 'array', value: ['a', 1, null] },
  { family: 'type', label: 'object', value: { nested: { deeper: 'x' } }, fast: true },
  { family: 'string', label: 'huge string (200 000 chars)', value: HUGE, fast: true },
  { family: 'string', label: 'empty string', value: '' },
  { family: 'unicode', label: 'lone high surrogate', value: 'a\ud800b', fast: true },
  { family: 'unicode', label: 'lone low surrogate', value: '\udc00' },
  { family: 'unicode', label: 'NUL', value: 'a\u0000b', fast: true },
  { family: 'unicode', label: 'RTL override + zero-width', value: '\u202egnp.exe\u200b' },
  { family: 'unicode', label: 'emoji and combining marks', value: '👩‍👩‍👧‍👦 é̷̛͓ ﷽' },
  { family: 'unicode', label: 'formula', value: '=HYPERLINK("http://evil")' },
  { family: 'number', label: '1e308', value: 1e308, fast: true },
  { family: 'number', label: '-1e308', value: -1e308 },
  { family: 'number', label: '2^53 + 2', value: 2 ** 53 + 2 },
  { family: 'number', label: '-1', value: -1 },
  { family: 'number', label: '0.5', value: 0.5 },
  { family: 'number', label: 'huge integer as string', value: '99999999999999999999999' },
  { family: 'date', label: '2026-02-30', value: '2026-02-30', fast: true },
  { family: 'date', label: '2026-13-01', value: '2026-13-01' },
  { family: 'date', label: 'date as array', value: [2026, 2, 1], fast: true },
  { family: 'date', label: 'date as number', value: 1 },
  { family: 'date', label: 'invalid Date', value: new Date(Number.NaN) },
  { family: 'date', label: 'year 275760', value: '+275760-09-13' },
];

function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let current = schema;
  for (let depth = 0; depth < 10 && current?._zod; depth += 1) {
    const def = current._zod.def;
    if (def.type === 'object') return current;
    current = def.innerType ?? def.in;
  }
  return undefined;
}

/** The inputs to try on one procedure: odd top-level shapes, then each field alone and all fields at once. */
export function fuzzInputs(schema: ZodLike, fast: boolean): { label: string; input: unknown }[] {
  const values = FUZZ_VALUES.filter((value) => !fast || value.fast);
  let nested: unknown = 'fundo';
  for (let depth = 0; depth < 60; depth += 1) nested = { a: nested };
  const inputs: { label: string; input: unknown }[] = [
    { label: 'top: null', input: null },
    { label: 'top: number', input: 7 },
    { label: 'top: string', input: 'texto' },
    { label: 'top: array', input: [] },
    { label: 'top: 60 levels', input: nested },
  ];
  if (!fast) inputs.push({ label: 'top: 10 000 items', input: Array.from({ length: 10_000 }, (_, i) => i) });
  const keys = Object.keys(unwrap(schema)?.shape ?? {});
  for (const value of values) {
    inputs.push({
      label: `all fields: ${value.label}`,
      input: Object.fromEntries(keys.map((key) => [key, value.value])),
    });
    for (const key of fast ? keys.slice(0, 1) : keys) {
      inputs.push({ label: `${key}: ${value.label}`, input: { [key]: value.value } });
    }
  }
  return inputs;
}

/**
 * Whether the server's schema will accept the input as the server receives it: after superjson and JSON
 * (an invalid Date, for one, arrives as null).
 */
function isValid(schema: ZodLike, input: unknown): boolean {
  const wire = JSON.parse(JSON.stringify(superjson.serialize(input))) as ReturnType<
    typeof superjson.serialize
  >;
  return schema.safeParse(superjson.deserialize(wire)).success;
}

export type FuzzReport = {
  procedures: number;
  skippedWithoutInput: string[];
  calls: number;
  refusedBySchema: number;
  acceptedBySchema: number;
  byStatus: Record<string, number>;
  serverErrors: { path: string; label: string; status: number; body: string }[];
  changedRows: { path: string; tables: string[] }[];
  durationMs: number;
};

/**
 * Calls every mutation with every fuzz input as a signed-in owner (so calls get past authentication to
 * the input checks), then compares `snapshot()` (a digest per table) before and after each procedure whose
 * inputs were all refused by its schema.
 */
export async function fuzzMutations(options: {
  url: string;
  headers: Record<string, string>;
  snapshot: () => Promise<Map<string, string>>;
  fast: boolean;
  /** Never called (their valid variants would end the fuzzer's own session). */
  skip?: readonly string[];
  concurrency?: number;
}): Promise<FuzzReport> {
  const startedAt = performance.now();
  const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
  const mutations = Object.entries(procedures)
    .filter(([path, procedure]) => procedure._def.type === 'mutation' && !options.skip?.includes(path))
    .sort(([a], [b]) => a.localeCompare(b));
  const report: FuzzReport = {
    procedures: mutations.length,
    skippedWithoutInput: [],
    calls: 0,
    refusedBySchema: 0,
    acceptedBySchema: 0,
    byStatus: {},
    serverErrors: [],
    changedRows: [],
    durationMs: 0,
  };
  // Fast: only the inputs each schema refuses, and one comparison of every table over the whole pass.
  // Full: every input, and a comparison around each procedure whose inputs were all refused.
  const start = options.fast ? await options.snapshot() : undefined;
  for (const [path, procedure] of mutations) {
    const schema = procedure._def.inputs[0];
    if (!schema) {
      report.skippedWithoutInput.push(path);
      continue;
    }
    const before = options.fast ? undefined : await options.snapshot();
    let accepted = 0;
    const inputs = fuzzInputs(schema, options.fast).filter(
      (input) => !options.fast || !isValid(schema, input.input),
    );
    const mount = path.startsWith('auth.') ? 'auth' : 'trpc';
    const queue = [...inputs];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const valid = isValid(schema, next.input);
        if (valid) accepted += 1;
        const response = await fetch(`${options.url}/${mount}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(superjson.serialize(next.input)),
        });
        const body = await response.text();
        report.calls += 1;
        report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
        if (response.status >= 500) {
          report.serverErrors.push({
            path,
            label: next.label,
            status: response.status,
            body: body.slice(0, 300),
          });
        } else if (!valid && response.status < 400) {
          report.serverErrors.push({
            path,
            label: `${next.label} (accepted although invalid)`,
            status: response.status,
            body: body.slice(0, 300),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    report.refusedBySchema += inputs.length - accepted;
    report.acceptedBySchema += accepted;
    if (before && accepted === 0) {
      const after = await options.snapshot();
      const tables = [...new Set([...before.keys(), ...after.keys()])].filter(
        (table) => before.get(table) !== after.get(table),
      );
      if (tables.length > 0) report.changedRows.push({ path, tables });
    }
  }
  if (start) {
    const end = await options.snapshot();
    const tables = [...new Set([...start.keys(), ...end.keys()])].filter(
      (table) => start.get(table) !== end.get(table),
    );
    if (tables.length > 0) report.changedRows.push({ path: 'any mutation', tables });
  }
  report.durationMs = Math.round(performance.now() - startedAt);
  return report;
}

/** Tables whose rows count attempts (not data): they change on refused calls by design. */
export const ATTEMPT_TABLES = ['rate_limit_hits', 'request_counters', 'login_events', 'mikro_orm_migrations'];

/** A digest of every row of every table, through any SQL connection (`execute`), ignoring attempt counters. */
export async function snapshotTables(
  execute: (sql: string) => Promise<Record<string, unknown>[]>,
  dialect: 'postgresql' | 'sqlite',
): Promise<Map<string, string>> {
  const { createHash } = await import('node:crypto');
  const names = (
    await execute(
      dialect === 'postgresql'
        ? "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'"
        : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    )
  )
    .map((row) => String(row['name']))
    .filter((name) => !ATTEMPT_TABLES.includes(name));
  const digests = new Map<string, string>();
  for (const name of names.sort()) {
    const rows = await execute(`select * from "${name}"`);
    const hash = createHash('sha256');
    // A session's last use moves on every authenticated call: not a change of data.
    const lines = rows.map((row) => {
      const { last_used_at: _lastUsedAt, ...rest } = row;
      return JSON.stringify(rest, (_key, value: unknown) =>
        typeof value === 'bigint' ? String(value) : value,
      );
    });
    for (const line of lines.sort()) hash.update(line);
    digests.set(name, hash.digest('hex'));
  }
  return digests;
}
