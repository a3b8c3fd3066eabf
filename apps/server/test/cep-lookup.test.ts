import { createCepLookup } from '@picineiros/api/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCep } from './fake-cep';
import { errorOf, signUpOwner, startTestServer, type TestServer } from './harness';

// address.lookupCep against a fake ViaCEP on loopback: found, not found, slow (timeout), broken and down.
// No test touches the internet.

let cep: Awaited<ReturnType<typeof startFakeCep>>;
let server: TestServer;

beforeAll(async () => {
  cep = await startFakeCep({ slow: ['20000000'], slowMs: 3000, broken: ['30000000'] });
  server = await startTestServer({ env: { CEP_LOOKUP_URL: cep.url, CEP_LOOKUP_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await server.close();
  await cep.close();
});

describe(`address.lookupCep`, () => {
  it(`answers street, district, city and UF of a known CEP, typed with or without the mask`, async () => {
    const owner = await signUpOwner(server);
    expect(await owner.client.address.lookupCep.query({ cep: '01310-100' })).toEqual({
      status: 'found',
      address: {
        cep: '01310100',
        street: 'Avenida Paulista',
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'SP',
      },
    });
    expect(cep.requests).toContain('01310100');
  });

  it(`says not_found for a well-formed CEP the service does not know`, async () => {
    const owner = await signUpOwner(server);
    expect(await owner.client.address.lookupCep.query({ cep: '99999999' })).toEqual({ status: 'not_found' });
  });

  it(`gives up after the timeout and says unavailable (the form goes on without it)`, async () => {
    const owner = await signUpOwner(server);
    const started = Date.now();
    expect(await owner.client.address.lookupCep.query({ cep: '20000-000' })).toEqual({
      status: 'unavailable',
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2500);
  });

  it(`says unavailable when the service answers an error`, async () => {
    const owner = await signUpOwner(server);
    expect(await owner.client.address.lookupCep.query({ cep: '30000000' })).toEqual({
      status: 'unavailable',
    });
  });

  it(`refuses a malformed CEP with a field error and needs a signed-in member`, async () => {
    const owner = await signUpOwner(server);
    const bad = await errorOf(owner.client.address.lookupCep.query({ cep: '1234' }));
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(bad.data?.fieldErrors).toEqual({ cep: 'CEP inválido: informe 8 dígitos, como 01310-100.' });
    const anonymous = await errorOf(server.client().address.lookupCep.query({ cep: '01310100' }));
    expect(anonymous.data?.code).toBe('UNAUTHORIZED');
  });
});

describe(`the CEP adapter`, () => {
  it(`says unavailable when the service is down (connection refused), and remembers only real answers`, async () => {
    const down = await startFakeCep();
    const lookup = createCepLookup({ baseUrl: down.url, timeoutMs: 500 });
    expect(await lookup('13010000')).toMatchObject({ status: 'found' });
    expect(await lookup('99999999')).toEqual({ status: 'not_found' });
    await down.close();
    // Answered from memory: the service is no longer there.
    expect(await lookup('13010-000')).toMatchObject({ status: 'found', address: { city: 'Campinas' } });
    expect(await lookup('99999999')).toEqual({ status: 'not_found' });
    expect(await lookup('22021001')).toEqual({ status: 'unavailable' });
  });

  it(`refuses answers that are not an address (wrong shape, unknown UF)`, async () => {
    const odd = await startFakeCep({
      addresses: { '40000000': { logradouro: 'Rua X', bairro: 'Y', localidade: 'Z', uf: 'XX' } },
    });
    const lookup = createCepLookup({ baseUrl: odd.url, timeoutMs: 500 });
    expect(await lookup('40000000')).toEqual({ status: 'unavailable' });
    await odd.close();
  });
});
