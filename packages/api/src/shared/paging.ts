// List paging, one rule for every reader: the server's services and the desktop replica (which answers the
// same lists from SQLite) page with these functions, so their pages and counts cannot drift apart.
// Client-safe: no ORM.

/** A numbered page's window of rows: `LIMIT pageSize OFFSET offset`. */
export function pageWindow(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export type NumberedPage<T> = {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Pages needed for `total` rows: 0 when nothing matches (the UI shows no pager then). */
  pageCount: number;
};

/** A numbered page from its rows and the count of every matching row. */
export function numberedPage<T>(items: T[], total: number, page: number, pageSize: number): NumberedPage<T> {
  return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
}

export type KeysetPage<T> = {
  items: T[];
  /** Pass it as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
};

/**
 * A keyset page from `limit + 1` rows read after the cursor: the extra row only says that another page
 * exists, and the cursor is the sort key of the page's last row.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (row: T) => string,
): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
