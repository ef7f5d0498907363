import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { ErrorDetail } from '@gt-vision/shared-types';

/** Flattens nested class-validator errors into `{field, problem}` with dotted paths (`location.lat`). */
export function detailsOf(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...detailsOf(error.children ?? [], field)];
  });
}

/**
 * Dotted paths of the strings in `value` that contain a NUL character. PostgreSQL cannot store NUL in
 * text, so such a value would fail at the database with a 500; it is refused here, for every route.
 */
export function fieldsWithNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    fieldsWithNul(item, path ? `${path}.${key}` : key),
  );
}

/** The global pipe: the NUL check on every body, query and route parameter, then class-validator. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.data ?? '');
      if (fields.length > 0) {
        throw new BadRequestException({
          message: 'request validation failed',
          details: fields.map((field) => ({ field, problem: 'must not contain a NUL character' })),
        });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused rather than dropped: a typo in a client must not pass silently. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'request validation failed', details: detailsOf(errors) }),
  });
}
