// A fake CEP service on loopback that answers like ViaCEP (GET /ws/<cep>/json/), so no test touches the
// internet. Known CEPs answer their address, `slow` ones answer after `slowMs`, `broken` ones a 500; any
// other CEP is ViaCEP's `{ "erro": true }`. `close()` makes it "down" (connection refused).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeCepAddress = { logradouro: string; bairro: string; localidade: string; uf: string };

export type FakeCepOptions = {
  addresses?: Record<string, FakeCepAddress>;
  slow?: string[];
  slowMs?: number;
  broken?: string[];
};

/** Addresses the e2e steps type: real CEPs of the places, fake answers (no test asks the real service). */
export const FAKE_CEP_ADDRESSES: Record<string, FakeCepAddress> = {
  '01310100': { logradouro: 'Avenida Paulista', bairro: 'Bela Vista', localidade: 'São Paulo', uf: 'SP' },
  '13010000': { logradouro: 'Rua Barão de Jaguara', bairro: 'Centro', localidade: 'Campinas', uf: 'SP' },
  '22021001': {
    logradouro: 'Avenida Atlântica',
    bairro: 'Copacabana',
    localidade: 'Rio de Janeiro',
    uf: 'RJ',
  },
};

export async function startFakeCep(options: FakeCepOptions = {}) {
  const addresses = options.addresses ?? FAKE_CEP_ADDRESSES;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const cep = /^\/ws\/(\d{8})\/json\/$/.exec(request.url ?? '')?.[1];
    requests.push(cep ?? request.url ?? '');
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (!cep) {
      answer(400, { erro: 'formato' });
      return;
    }
    if (options.broken?.includes(cep)) {
      answer(500, { message: 'indisponível' });
      return;
    }
    const address = addresses[cep];
    const reply = () => {
      if (address) answer(200, { cep: `${cep.slice(0, 5)}-${cep.slice(5)}`, complemento: '', ...address });
      else answer(200, { erro: true });
    };
    if (options.slow?.includes(cep)) setTimeout(reply, options.slowMs ?? 5000).unref();
    else reply();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    /** The base URL to configure (CEP_LOOKUP_URL). */
    url: `http://127.0.0.1:${port}/ws`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
