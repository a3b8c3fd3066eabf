import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../src/main/config';

const DSN = 'https://publickey@o0.ingest.sentry.io/42';

describe(`desktop config: error tracking`, () => {
  it(`has no Sentry DSN by default, so error tracking stays off`, () => {
    expect(
      loadDesktopConfig(mkdtempSync(join(tmpdir(), 'picineiros-config-')), {}).sentryDsn,
    ).toBeUndefined();
  });

  it(`takes the DSN from config.json or the environment (PICINEIROS_SENTRY_DSN, then SENTRY_DSN)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'picineiros-config-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ sentryDsn: DSN }));
    expect(loadDesktopConfig(dir, {}).sentryDsn).toBe(DSN);
    const empty = mkdtempSync(join(tmpdir(), 'picineiros-config-'));
    expect(loadDesktopConfig(empty, { SENTRY_DSN: DSN }).sentryDsn).toBe(DSN);
    expect(
      loadDesktopConfig(empty, { SENTRY_DSN: 'https://x@y.io/1', PICINEIROS_SENTRY_DSN: DSN }).sentryDsn,
    ).toBe(DSN);
  });

  it(`refuses a DSN that is not a URL, naming it`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'picineiros-config-'));
    expect(() => loadDesktopConfig(dir, { PICINEIROS_SENTRY_DSN: 'not a dsn' })).toThrow(/sentryDsn/);
  });
});
