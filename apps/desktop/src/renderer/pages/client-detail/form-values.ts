import type { PoolLocation, PoolType } from '@picineiros/api/client';
import { addressValuesOf, type AddressValues } from '../../components/contact-fields';
import { t } from '../../i18n';
import type { Outputs } from '../../queries/keys';

// The client form's values and their two translations: from the client the API answers, and to the input
// it takes (blank pool rows left out, and the errors of the sent rows moved back to the rows on screen).

export type ClientView = Outputs['clients']['get'];

export type PoolValues = {
  id?: string;
  label: string;
  /** '' until the user picks one: a type the form chose by itself would describe a pool nobody described. */
  type: PoolType | '';
  volumeLiters: number | string;
  location: PoolLocation;
  heated: boolean;
  notes: string;
};

export type ClientFormValues = {
  name: string;
  document: string;
  phone: string;
  email: string;
  address: AddressValues;
  notes: string;
  active: boolean;
  pools: PoolValues[];
};

export const newPool = (): PoolValues => ({
  label: '',
  type: '',
  volumeLiters: '',
  location: 'outdoor',
  heated: false,
  notes: '',
});

export function valuesOf(client: ClientView | undefined): ClientFormValues {
  return {
    name: client?.name ?? '',
    document: client?.documentMasked ?? '',
    phone: client?.phoneMasked ?? '',
    email: client?.email ?? '',
    address: addressValuesOf(client?.address),
    notes: client?.notes ?? '',
    active: client?.active ?? true,
    pools: client?.pools.map((pool) => ({
      id: pool.id,
      label: pool.label ?? '',
      type: pool.type,
      volumeLiters: pool.volumeLiters ?? '',
      location: pool.location,
      heated: pool.heated,
      notes: pool.notes ?? '',
    })) ?? [newPool()],
  };
}

/** A new row left as it came (no type chosen, nothing typed): not a pool, so it is not sent. */
function isBlankPool(pool: PoolValues): boolean {
  return (
    !pool.id &&
    pool.type === '' &&
    pool.label.trim() === '' &&
    pool.volumeLiters === '' &&
    pool.notes.trim() === ''
  );
}

/** The form rows (their indexes) that are sent to the API, in order. */
function sentPoolRows(values: ClientFormValues): number[] {
  return values.pools.flatMap((pool, index) => (isBlankPool(pool) ? [] : [index]));
}

/**
 * Errors keyed by the sent pools' positions ('pools.1.volumeLiters', from the schema or the server) moved to
 * the rows they came from, blank rows left out between them. With no pool at all, the first row's type
 * says what is missing.
 */
export function formErrorsOf(
  errors: Record<string, string>,
  values: ClientFormValues,
): Record<string, string> {
  const rows = sentPoolRows(values);
  const moved: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const pool = /^pools\.(\d+)(\..+)?$/.exec(key);
    const row = pool ? rows[Number(pool[1])] : undefined;
    moved[pool && row !== undefined ? `pools.${row}${pool[2] ?? ''}` : key] = message;
  }
  if (rows.length === 0) {
    moved['pools'] = t('clients.poolRequired');
    moved['pools.0.type'] = t('clients.poolTypeRequired');
  }
  return moved;
}

/** Form values → the API's input; blank optional fields go as '' and the schema turns them into null. */
export function inputOf(values: ClientFormValues) {
  return {
    ...values,
    pools: values.pools
      .filter((pool) => !isBlankPool(pool))
      .map((pool) => ({
        ...pool,
        // A sent row without a type never reaches the API: the schema refuses '' when the form validates.
        type: pool.type as PoolType,
        volumeLiters: pool.volumeLiters === '' ? null : Number(pool.volumeLiters),
      })),
  };
}
