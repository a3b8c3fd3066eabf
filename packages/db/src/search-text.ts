// The folding behind text search (see packages/api/src/shared/search-text.ts). It lives here, free of the
// ORM, so that an entity can keep a folded copy of its own text (finance entries' `searchText`) and the
// API, the desktop replica and the UI fold search terms with the very same function.

/** 'João D’Ávila-Souza' → 'joao davilasouza': no accents, lower case, only [a-z0-9] and single spaces. */
export function foldSearchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[^a-z0-9 ]/g, '')
    .replace(/ +/g, ' ')
    .trim();
}
