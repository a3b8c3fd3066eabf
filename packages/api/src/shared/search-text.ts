// Text search that ignores case and accents identically on Postgres and SQLite. Neither database is asked
// to fold case or accents (SQLite's lower() and LIKE only know ASCII; Postgres' depend on the collation):
// the app stores a folded copy of the searchable fields and folds the search term the same way, so the
// query is a plain `LIKE '%term%'` over ASCII letters and digits on both dialects.

import { foldSearchText } from '@picineiros/db/search-text';

export { foldSearchText };

/** A name folded for sorting: no spaces either, so the order is the same under any database collation. */
export function foldSortKey(value: string): string {
  return foldSearchText(value).replace(/ /g, '');
}

/**
 * The folded columns of a client (`nameKey`, `searchText`), from the fields they cover. Whatever writes a
 * client (the service, a seed given this function, a local replica) derives them here, so search and sort
 * agree everywhere.
 */
export function clientSearchColumns(client: {
  name: string;
  email?: string | null | undefined;
  document?: string | null | undefined;
  phone?: string | null | undefined;
}): { nameKey: string; searchText: string } {
  const searchable = [client.name, client.email, client.document, client.phone].filter(Boolean).join(' ');
  return {
    nameKey: foldSortKey(client.name).slice(0, 120),
    searchText: foldSearchText(searchable).slice(0, 512),
  };
}

const MAX_TERMS = 8;

/**
 * The words a stored search text must all contain. A term of digits and punctuation only (a masked CPF,
 * a phone number typed with spaces) is one number: '(11) 98765-4321' → ['11987654321'].
 * Folding leaves only [a-z0-9], so the words never carry LIKE wildcards.
 */
export function searchTermsOf(query: string): string[] {
  const folded = foldSearchText(query);
  if (folded === '') return [];
  if (/^[\d ]+$/.test(folded)) return [folded.replace(/ /g, '')];
  return [...new Set(folded.split(' '))].slice(0, MAX_TERMS);
}
