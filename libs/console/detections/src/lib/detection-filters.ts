import type { ParamMap, Params } from '@angular/router';
import type { DetectionFilters } from '@gt-vision/console/data';

/** The search's filters live in the URL, so a search can be bookmarked and shared as it is. */
export const FILTER_KEYS = ['plate', 'match', 'cameraId', 'from', 'to', 'minConfidence'] as const;
export const MATCH_MODES = ['exact', 'prefix', 'contains', 'wildcard', 'ocr'] as const;

export function filtersFromParams(params: ParamMap): DetectionFilters {
  const filters: DetectionFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters;
}

/** Query parameters for the router: empty filters are removed from the URL (null), not kept blank. */
export function toQueryParams(filters: DetectionFilters): Params {
  const params: Params = {};
  for (const key of FILTER_KEYS) params[key] = filters[key] ? filters[key] : null;
  return params;
}

/** The form shows a percentage; the API and URL hold a 0-1 fraction. */
export function percentToFraction(value: string): string | undefined {
  if (value === '') return undefined;
  const percent = Number(value);
  return Number.isFinite(percent) ? String(Math.min(Math.max(percent, 0), 100) / 100) : undefined;
}

export function fractionToPercent(value: string | undefined): string {
  if (!value) return '';
  const fraction = Number(value);
  return Number.isFinite(fraction) ? String(Math.round(fraction * 1000) / 10) : '';
}
