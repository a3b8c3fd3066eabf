import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// The shell's only reader of the environment: a config.json in the user data folder, overridable by
// environment variables for support and testing. A wrong value stops the app with a message naming it.

const ZDesktopConfig = z.object({
  serverUrl: z.url({ error: 'serverUrl must be an absolute URL such as https://app.picineiros.com.br' }),
  /** The electron-updater "generic" feed (latest.yml and the installers); absent: no auto-update. */
  updateFeedUrl: z.url({ error: 'updateFeedUrl must be an absolute URL' }).optional(),
  /** Sentry DSN for error reports of the app; absent: no error tracking at all. */
  sentryDsn: z
    .url({ error: 'sentryDsn must be a Sentry DSN such as https://key@o0.ingest.sentry.io/0' })
    .optional(),
  /**
   * Hosts that links in the app may open in the system browser: ours, and Asaas's invoice pages (the
   * billing screen's "Pagar"; card data is typed there, never in the app).
   */
  externalHosts: z
    .array(z.string().min(1))
    .default([
      'picineiros.com.br',
      'www.picineiros.com.br',
      'www.asaas.com',
      'asaas.com',
      'sandbox.asaas.com',
    ]),
});
export type DesktopConfig = z.infer<typeof ZDesktopConfig>;

const DEFAULTS = {
  serverUrl: 'https://app.picineiros.com.br',
  updateFeedUrl: 'https://downloads.picineiros.com.br/desktop',
};

export function loadDesktopConfig(userDataDir: string, env: NodeJS.ProcessEnv = process.env): DesktopConfig {
  const file = join(userDataDir, 'config.json');
  const fromFile: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const merged = {
    ...DEFAULTS,
    ...(typeof fromFile === 'object' ? fromFile : {}),
    ...(env['PICINEIROS_SERVER_URL'] ? { serverUrl: env['PICINEIROS_SERVER_URL'] } : {}),
    ...(env['PICINEIROS_UPDATE_FEED_URL'] ? { updateFeedUrl: env['PICINEIROS_UPDATE_FEED_URL'] } : {}),
    ...((env['PICINEIROS_SENTRY_DSN'] ?? env['SENTRY_DSN'])
      ? { sentryDsn: env['PICINEIROS_SENTRY_DSN'] ?? env['SENTRY_DSN'] }
      : {}),
  };
  const parsed = ZDesktopConfig.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Configuração inválida (${file}): ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}
