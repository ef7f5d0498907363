import { BadRequestException } from '@nestjs/common';
import {
  plateOcrKey,
  type DetectionSearchQueryDto,
  type PlateMatchMode,
} from '@gt-vision/shared-types';
import { decodeCursor } from './detection-cursor';

/** A WHERE clause with its positional parameters, ready for `detections.repository`. */
export interface SqlFilter {
  where: string;
  params: unknown[];
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
 * - prefix / contains / wildcard: the trigram index on the space-joined readings.
 */
function plateCondition(
  plate: string,
  match: PlateMatchMode,
  param: (v: unknown) => string,
): string {
  if (match !== 'wildcard' && /[?*]/.test(plate)) {
    throw badField('plate', `may hold "?" or "*" only with match=wildcard`);
  }
  switch (match) {
    case 'exact':
      return `plate_keys @> ARRAY[${param(plateOcrKey(plate))}]::text[] AND plates @> ARRAY[${param(plate)}]::text[]`;
    case 'ocr':
      return `plate_keys @> ARRAY[${param(plateOcrKey(plate))}]::text[]`;
    case 'prefix':
      return `plates_text ~ ${param(`(^| )${plate}`)}`;
    case 'contains':
      return `plates_text LIKE ${param(`%${plate}%`)}`;
    case 'wildcard':
      return `plates_text ~ ${param(wildcardRegex(plate))}`;
  }
}

/** Every filter of `GET /api/detections` as one WHERE clause over `analytics.detections`. */
export function searchFilter(query: DetectionSearchQueryDto): SqlFilter {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (query.plate) conditions.push(plateCondition(query.plate, query.match, param));
  if (query.cameraId !== undefined) conditions.push(`camera_id = ${param(query.cameraId)}`);
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
