import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorResponse } from '@gt-vision/shared-types';

/** The API's problems by field (`location.lat` → "must not be greater than 90"), several joined. */
export type FieldErrors = Record<string, string>;

export function isErrorResponse(body: unknown): body is ErrorResponse {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorResponse).statusCode === 'number' &&
    Array.isArray((body as ErrorResponse).details)
  );
}

export function fieldErrors(error: unknown): FieldErrors {
  const body = error instanceof HttpErrorResponse ? error.error : undefined;
  if (!isErrorResponse(body)) return {};
  const result: FieldErrors = {};
  for (const { field, problem } of body.details) {
    result[field] = result[field] ? `${result[field]}; ${problem}` : problem;
  }
  return result;
}

/** The API's error of a field, and of its parts (`tags.2` belongs to `tags`). */
export function errorFor(errors: FieldErrors, field: string): string | null {
  const matches = Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(field + '.'))
    .map(([, problem]) => problem);
  return matches.length > 0 ? matches.join('; ') : null;
}

/** A sentence for the user: the API's message, or the HTTP status when the body is not ours. */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (isErrorResponse(error.error)) return error.error.message;
    return error.status === 0 ? 'network error' : `${error.status} ${error.statusText}`;
  }
  return error instanceof Error ? error.message : String(error);
}
