// Address helpers: the zod schemas of the `address` router, shared with the UI's forms.
import { UFS, ZCep } from '../shared/brazil';
import { z } from '../shared/validation';

export const ZLookupCepInput = z.object({ cep: ZCep });
export type TLookupCepInput = z.output<typeof ZLookupCepInput>;

/** What a CEP stands for: its street, district, city and UF. */
export const ZCepAddress = z.object({
  cep: z.string(),
  street: z.string(),
  district: z.string(),
  city: z.string(),
  uf: z.enum(UFS),
});
export type TCepAddress = z.infer<typeof ZCepAddress>;

/** `unavailable`: the service did not answer in time, was unreachable or answered nonsense. */
export const ZCepLookupResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), address: ZCepAddress }),
  z.object({ status: z.literal('not_found') }),
  z.object({ status: z.literal('unavailable') }),
]);
export type TCepLookupResult = z.infer<typeof ZCepLookupResult>;
