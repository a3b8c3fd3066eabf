// Address helpers: the zod schemas of the `address` router, shared with the UI's forms.
import { ZCep } from '../shared/brazil';
import { z } from '../shared/validation';

export const ZLookupCepInput = z.object({ cep: ZCep });
export type TLookupCepInput = z.output<typeof ZLookupCepInput>;
