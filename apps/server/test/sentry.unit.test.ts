import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import { scrubEvent } from '../src/observability/scrub';
import { initErrorTracking } from '../src/observability/sentry';

// One file, in order: Sentry's client is process-global, so "off" is checked before anything turns it on.

describe(`error tracking`, () => {
  it(`is off without SENTRY_DSN: nothing is initialised`, async () => {
    const tracker = await initErrorTracking({ sentryDsn: undefined, sentryEnvironment: 'test' });
    expect(tracker.enabled).toBe(false);
    tracker.capture(new Error('boom'));
    expect(Sentry.getClient()).toBeUndefined();
    expect(Sentry.isInitialized()).toBe(false);
  });

  it(`scrubs personal data, credentials and bodies from an event`, () => {
    const event = {
      type: undefined,
      event_id: 'abc',
      message: 'Falha ao enviar para joana.souza@example.com (CPF 123.456.789-09)',
      user: { id: 'user-1', email: 'joana.souza@example.com', ip_address: '200.1.2.3', username: 'joana' },
      request: {
        method: 'POST',
        url: 'https://app.picineiros.com.br/auth/auth.resetPassword?token=abcdef123456',
        query_string: 'token=abcdef123456&page=2',
        headers: {
          authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
          cookie: 'picineiros_refresh=segredo',
          'x-csrf-token': 'csrf-segredo',
          'user-agent': 'Mozilla/5.0',
        },
        cookies: { picineiros_refresh: 'segredo' },
        data: { email: 'joana.souza@example.com', password: 'senha-forte-123' },
      },
      exception: {
        values: [
          {
            type: 'Error',
            value: 'duplicate key: documento 12.345.678/0001-95 já existe; contato 11987654321',
            stacktrace: {
              frames: [
                {
                  filename: 'service.ts',
                  lineno: 10,
                  vars: { password: 'senha-forte-123', cpf: '12345678909' },
                },
              ],
            },
          },
        ],
      },
      breadcrumbs: [
        {
          message: 'login ok for joana.souza@example.com',
          data: { email: 'joana.souza@example.com', count: 2 },
        },
      ],
      extra: {
        input: { name: 'Joana', document: '123.456.789-09', notes: 'ligar para joana@exemplo.com.br' },
      },
      contexts: { request: { refreshToken: 'rt-segredo' } },
      tags: { organizationId: 'org-1' },
    };
    const scrubbed = scrubEvent(event);
    const text = JSON.stringify(scrubbed);
    for (const secret of [
      'joana.souza@example.com',
      'joana@exemplo.com.br',
      '123.456.789-09',
      '12345678909',
      '12.345.678/0001-95',
      'senha-forte-123',
      'segredo',
      'eyJhbGciOiJIUzI1NiJ9',
      'abcdef123456',
      '200.1.2.3',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(scrubbed.user).toEqual({ id: 'user-1' });
    expect(scrubbed.request).toEqual({
      method: 'POST',
      url: 'https://app.picineiros.com.br/auth/auth.resetPassword?token=[redacted]',
      query_string: 'token=[redacted]&page=2',
      headers: { 'user-agent': 'Mozilla/5.0' },
    });
    expect(scrubbed.message).toBe('Falha ao enviar para [email] (CPF [cpf])');
    expect(scrubbed.exception?.values?.[0]?.value).toBe(
      // An unformatted 11-digit phone cannot be told from a CPF: it goes too.
      'duplicate key: documento [cnpj] já existe; contato [cpf]',
    );
    expect(scrubbed.exception?.values?.[0]?.stacktrace?.frames?.[0]).toEqual({
      filename: 'service.ts',
      lineno: 10,
    });
    // What is useful for debugging stays.
    expect(scrubbed.tags).toEqual({ organizationId: 'org-1' });
    expect(scrubbed.breadcrumbs?.[0]?.data).toEqual({ email: '[redacted]', count: 2 });
    expect(scrubbed.event_id).toBe('abc');
  });

  it(`with SENTRY_DSN, sends captured errors scrubbed`, async () => {
    const sent: string[] = [];
    const tracker = await initErrorTracking(
      { sentryDsn: 'https://publickey@o0.ingest.sentry.invalid/1', sentryEnvironment: 'test' },
      {
        transport: (options) =>
          Sentry.createTransport(options, (request) => {
            sent.push(
              typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8'),
            );
            return Promise.resolve({ statusCode: 200 });
          }),
      },
    );
    expect(tracker.enabled).toBe(true);
    expect(Sentry.getClient()).toBeDefined();
    tracker.capture(new Error('cliente pedro@example.com sem CPF 98765432100'), {
      requestId: 'req-1',
      procedure: 'clients.create',
    });
    await Sentry.flush(2000);
    const envelope = sent.join('\n');
    expect(envelope).toContain('cliente [email] sem CPF [cpf]');
    expect(envelope).toContain('clients.create');
    expect(envelope).not.toContain('pedro@example.com');
    expect(envelope).not.toContain('98765432100');
    await tracker.close();
  });
});
