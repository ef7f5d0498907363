/**
 * One page of a keyset-paginated list. `nextCursor` is opaque: pass it back unchanged, with the same
 * filters and sort, to get the next page; `null` means this was the last page.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
