import { BadRequestException } from '@nestjs/common';
import {
  plateOcrKey,
  type DetectionSearchQueryDto,
  type PlateMatchMode,
} from '@gt-vision/shared-types';
import { decodeCursor } from './detection-cursor';

/**
 * A plate search's values for `analytics.detections_by_plate` (migration 1765500000000): the
 * condition's pattern, and the reading the rows it finds must hold (exact) or match anchored (prefix).
 */
export interface PlateTerms {
  match: PlateMatchMode;
  pattern: string;
  recheck: string | null;
}

/**
 * A plate search as PL/pgSQL runs it on plans kept per connection: a first page whole, its slices
 * starting at `sliceStarts` (`analytics.detections_by_plate_page`), or the older slice of a later
 * page, before `before` (`analytics.detections_by_plate`).
 */
export type PlateCall = PlateTerms & ({ sliceStarts: string[] } | { before: string });

/**
 * A WHERE clause with its positional parameters, ready for `detections.repository`; for a plate
 * search with no other filter, also the call the repository runs instead (see `plateCalls`).
 */
export interface SqlFilter {
  where: string;
  params: unknown[];
  plateCall?: PlateCall;
}

function badField(field: string, problem: string): BadRequestException {
  return new BadRequestException({ message: `${field} ${problem}`, details: [{ field, problem }] });
}

/** `AB?1*` → a POSIX regex over the space-joined readings, anchored to one whole reading. */
export function wildcardRegex(pattern: string): string {
  const body = pattern.replace(/\?/g, '[A-Z0-9]').replace(/\*/g, '[A-Z0-9]*');
  return `(^| )${body}( |$)`;
}

/**
 * The plate condition of one match mode. Patterns hold only A-Z, 0-9, `?` and `*` (the query DTO
 * normalises and checks them), so nothing the caller sends is a regex or LIKE metacharacter.
 * - exact / ocr: the GIN index on the readings' OCR keys (exact rechecks the plate itself);
 * - prefix / contains / wildcard: the trigram index on the space-joined readings. A prefix is the
 *   substring LIKE the index answers (one bitmap scan, fewer buffers than a regex), and one anchored
 *   LIKE that rechecks the rows it finds: a reading starts with the prefix when the readings, after
 *   a leading space, hold a space followed by it. The planner estimates a LIKE on a column by trying
 *   it on that column's statistics in every partition a search spans (a regex cost it twice a LIKE);
 *   written over an expression rather than the column, the recheck is not estimated that way, which
 *   made a prefix search's planning three times cheaper over 30 daily partitions (the substring LIKE
 *   keeps its estimate, which the choice of the trigram index needs).
 */
function plateTerms(plate: string, match: PlateMatchMode): PlateTerms {
  if (match !== 'wildcard' && /[?*]/.test(plate)) {
    throw badField('plate', `may hold "?" or "*" only with match=wildcard`);
  }
  switch (match) {
    case 'exact':
      return { match, pattern: plateOcrKey(plate), recheck: plate };
    case 'ocr':
      return { match, pattern: plateOcrKey(plate), recheck: null };
    case 'prefix':
      return { match, pattern: `%${plate}%`, recheck: `% ${plate}%` };
    case 'contains':
      return { match, pattern: `%${plate}%`, recheck: null };
    case 'wildcard':
      return { match, pattern: wildcardRegex(plate), recheck: null };
  }
}

function plateCondition(terms: PlateTerms, param: (v: unknown) => string): string {
  const { match, pattern, recheck } = terms;
  switch (match) {
    case 'exact':
      return `plate_keys @> ARRAY[${param(pattern)}]::text[] AND plates @> ARRAY[${param(recheck)}]::text[]`;
    case 'ocr':
      return `plate_keys @> ARRAY[${param(pattern)}]::text[]`;
    case 'prefix':
      return `plates_text LIKE ${param(pattern)} AND (' ' || plates_text) LIKE ${param(recheck)}`;
    case 'contains':
      return `plates_text LIKE ${param(pattern)}`;
    case 'wildcard':
      return `plates_text ~ ${param(pattern)}`;
  }
}

/**
 * Every filter of `GET /api/detections` as one WHERE clause over `analytics.detections`, within
 * `cameraIds` (the caller's granted cameras) when given.
 */
export function searchFilter(query: DetectionSearchQueryDto, cameraIds?: number[]): SqlFilter {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (query.plate) conditions.push(plateCondition(plateTerms(query.plate, query.match), param));
  if (query.cameraId !== undefined) conditions.push(`camera_id = ${param(query.cameraId)}`);
  if (cameraIds) conditions.push(`camera_id = ANY(${param(cameraIds)}::int[])`);
  if (
    query.from !== undefined &&
    query.to !== undefined &&
    Date.parse(query.from) >= Date.parse(query.to)
  ) {
    throw badField('to', 'must be after from');
  }
  if (query.from !== undefined) conditions.push(`captured_at >= ${param(query.from)}::timestamptz`);
  if (query.to !== undefined) conditions.push(`captured_at < ${param(query.to)}::timestamptz`);
  if (query.minConfidence !== undefined) {
    conditions.push(`confidence >= ${param(query.minConfidence)}::real`);
  }
  if (query.source !== undefined) conditions.push(`source = ${param(query.source)}`);
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    conditions.push(
      `(captured_at, id) < (${param(cursor.capturedAt)}::timestamptz, ${param(cursor.id)}::uuid)`,
    );
  }
  return { where: conditions.length ? conditions.join(' AND ') : 'true', params };
}

const DAY_MS = 86_400_000;
/** The newest-first slices of a search, in days back from its newest possible detection. */
export const SEARCH_SLICE_DAYS = [1, 7] as const;

function within(filter: SqlFilter, from: number | undefined, to: number | undefined): SqlFilter {
  const params = [...filter.params];
  const conditions = [filter.where];
  if (from !== undefined) {
    params.push(new Date(from).toISOString());
    conditions.push(`captured_at >= $${params.length}::timestamptz`);
  }
  if (to !== undefined) {
    params.push(new Date(to).toISOString());
    conditions.push(`captured_at < $${params.length}::timestamptz`);
  }
  return { where: conditions.join(' AND '), params };
}

/**
 * The plate terms of a search filtered by the plate alone, whose slices `detections_by_plate` can
 * run on a plan PostgreSQL keeps per connection, rather than one planned for every request over each
 * daily partition a slice spans (most of a rare plate's search). Its older slice ends a week before
 * the cursor or `to`, so neither needs a condition there; the newer slices of a page after the first
 * (or up to `to`) need them, and stay SQL.
 */
function plateOnlyTerms(
  query: DetectionSearchQueryDto,
  cameraIds: number[] | undefined,
): PlateTerms | undefined {
  if (
    query.plate === undefined ||
    query.cameraId !== undefined ||
    cameraIds !== undefined ||
    query.from !== undefined ||
    query.minConfidence !== undefined ||
    query.source !== undefined
  ) {
    return undefined;
  }
  return plateTerms(query.plate, query.match);
}

/**
 * A search as consecutive time slices, newest first: the last day before its newest possible
 * detection (`to`, the cursor or now), the week before that, then everything older; each slice runs
 * only while the page is not full. Newest-first over all partitions would otherwise fetch and sort
 * every match of a frequent plate (tens of thousands of rows) for one page; within a slice the
 * planner also prunes the partitions outside it.
 */
export function searchSlices(
  query: DetectionSearchQueryDto,
  now: Date,
  cameraIds?: number[],
): SqlFilter[] {
  const filter = searchFilter(query, cameraIds);
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const newest = Math.min(
    now.getTime(),
    query.to === undefined ? Infinity : Date.parse(query.to),
    query.cursor === undefined ? Infinity : Date.parse(decodeCursor(query.cursor).capturedAt),
  );
  const slices: SqlFilter[] = [];
  const starts: string[] = [];
  let upper: number | undefined;
  for (const days of SEARCH_SLICE_DAYS) {
    const lower = newest - days * DAY_MS;
    if (lower <= from) break;
    slices.push(within(filter, lower, upper));
    starts.push(new Date(lower).toISOString());
    upper = lower;
  }
  slices.push(within(filter, undefined, upper));
  const terms = plateOnlyTerms(query, cameraIds);
  if (!terms || starts.length === 0) return slices;
  // The first page's slices have no end but the newest detection: one call runs them all.
  if (query.cursor === undefined && query.to === undefined) {
    return [{ ...filter, plateCall: { ...terms, sliceStarts: starts } }];
  }
  const older = slices.length - 1;
  slices[older] = { ...slices[older], plateCall: { ...terms, before: starts[starts.length - 1] } };
  return slices;
}
