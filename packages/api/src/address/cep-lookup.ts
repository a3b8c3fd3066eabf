// Looks a CEP up on ViaCEP (https://viacep.com.br/ws/<cep>/json/) or any service that answers the same
// JSON. One small adapter with a timeout: the forms only use it to fill the address, so a slow, down or
// unknown answer is reported as such and never blocks anything.
import { isUf, normalizeCep } from '../shared/brazil';
import { z } from '../shared/validation';
import type { TCepLookupResult } from './schema';

export type CepLookup = (cep: string) => Promise<TCepLookupResult>;

export type CepLookupOptions = {
  /** Without the trailing slash, e.g. https://viacep.com.br/ws */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Answers kept in memory (a CEP's street rarely changes); 0 turns the cache off. */
  cacheSize?: number;
};

export const CEP_LOOKUP_TIMEOUT_MS = 3000;

// ViaCEP: the address, or `{ "erro": true }` (also `"true"`) for a well-formed CEP it does not know.
const ZViaCepAnswer = z.union([
  z.object({ erro: z.union([z.literal(true), z.literal('true')]) }),
  z.object({
    cep: z.string(),
    logradouro: z.string().default(''),
    bairro: z.string().default(''),
    localidade: z.string(),
    uf: z.string(),
  }),
]);

/** Column limits of the address fields (clients, organizations). */
const cut = (value: string, max: number) => value.trim().slice(0, max);

export function createCepLookup(options: CepLookupOptions): CepLookup {
  const request = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? CEP_LOOKUP_TIMEOUT_MS;
  const cacheSize = options.cacheSize ?? 1000;
  const cache = new Map<string, TCepLookupResult>();

  async function ask(cep: string): Promise<TCepLookupResult> {
    let response: Response;
    let body: unknown;
    try {
      response = await request(`${options.baseUrl.replace(/\/+$/, '')}/${cep}/json/`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      // ViaCEP answers 400 to a malformed CEP; ours are always 8 digits, so any other status is an outage.
      if (!response.ok) return { status: 'unavailable' };
      body = await response.json();
    } catch {
      return { status: 'unavailable' };
    }
    const parsed = ZViaCepAnswer.safeParse(body);
    if (!parsed.success) return { status: 'unavailable' };
    if ('erro' in parsed.data) return { status: 'not_found' };
    const uf = parsed.data.uf.trim().toUpperCase();
    if (!isUf(uf)) return { status: 'unavailable' };
    return {
      status: 'found',
      address: {
        cep,
        street: cut(parsed.data.logradouro, 120),
        district: cut(parsed.data.bairro, 80),
        city: cut(parsed.data.localidade, 80),
        uf,
      },
    };
  }

  return async (input) => {
    const cep = normalizeCep(input);
    const cached = cache.get(cep);
    if (cached) return cached;
    const result = await ask(cep);
    // An outage is not remembered: the next try may succeed.
    if (result.status !== 'unavailable' && cacheSize > 0) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? '');
      cache.set(cep, result);
    }
    return result;
  };
}
