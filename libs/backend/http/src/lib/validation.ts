import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@gt-vision/shared-types';

/** Flattens nested class-validator errors into `{field, problem}` with dotted paths (`location.lat`). */
export function detailsOf(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...detailsOf(error.children ?? [], field)];
  });
}

/** Unknown fields are refused rather than dropped: a typo in a client must not pass silently. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'request validation failed', details: detailsOf(errors) }),
  });
}
