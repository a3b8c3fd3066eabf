import { orgProcedure, router } from '../trpc';
import { ZCepLookupResult, ZLookupCepInput } from './schema';
import { lookupCep } from './service';

export const addressRouter = router({
  /** Street, district, city and UF of a CEP, to fill a form; every member may ask. */
  lookupCep: orgProcedure
    .input(ZLookupCepInput)
    .output(ZCepLookupResult)
    .query(({ ctx, input }) => lookupCep(ctx, input)),
});
