import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorDetail } from '@gt-vision/shared-types';

/** 429; the error filter sends `retryAfterSeconds` as the `Retry-After` header. */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: ErrorDetail[] = [],
  ) {
    super({ message, details }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
