import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { startFakeAsaas, type FakeAsaas } from './fake-asaas';
import { ASAAS_WEBHOOK_PATH } from './webhook-route';

/**
 * The embedded default (no ASAAS_API_KEY, not production): starts the fake Asaas on loopback and points
 * the billing configuration at it, so subscribing, paying on the (fake) invoice page and the webhooks all
 * work on one machine. Returns null when billing talks to the real Asaas or is off.
 */
export async function startEmbeddedAsaas(config: Config): Promise<FakeAsaas | null> {
  if (config.billing.mode !== 'fake') return null;
  const apiKey = `$fake_${randomBytes(16).toString('hex')}`;
  const webhookToken = randomBytes(24).toString('base64url');
  const fake = await startFakeAsaas({ apiKey, webhookToken });
  config.billing = { ...config.billing, asaasBaseUrl: fake.baseUrl, asaasApiKey: apiKey, webhookToken };
  return fake;
}

/** Once the server listens: the fake's webhooks go to it. */
export function connectEmbeddedAsaas(fake: FakeAsaas | null, app: FastifyInstance, config: Config): void {
  connectEmbeddedAsaasToPort(fake, (app.server.address() as AddressInfo).port, config);
}

/** The same, for the cluster's primary: its workers listen on `port`. */
export function connectEmbeddedAsaasToPort(fake: FakeAsaas | null, port: number, config: Config): void {
  if (!fake || !config.billing.webhookToken) return;
  fake.setWebhook(`http://127.0.0.1:${port}${ASAAS_WEBHOOK_PATH}`, config.billing.webhookToken);
}
