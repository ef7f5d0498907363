import { IsISO8601, IsOptional } from 'class-validator';

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

/**
 * The time window every newest-first list query shares (audit, detections, alerts): `from` inclusive,
 * `to` exclusive, ISO-8601 with a zone. Each list adds its own filters, cursor and limit.
 */
export abstract class TimeRangeQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
