import { orgProcedure, router } from '../trpc';
import { ZLookupCepInput } from './schema';
import { lookupCep } from './service';

export const addressRouter = router({
  /** Street, district, city and UF of a CEP, to fill a form; every member may ask. */
  lookupCep: orgProcedure.input(ZLookupCepInput).query(({ ctx, input }) => lookupCep(ctx, input)),
});
