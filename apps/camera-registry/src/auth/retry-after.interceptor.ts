import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';

/** An error that says when to try again: 429 (too many attempts) or 503 (busy). */
function retryAfterOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return error instanceof HttpException && typeof seconds === 'number' ? seconds : undefined;
}

/** Adds `Retry-After` to a 429 or 503 so clients (and the console) know how long to back off. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const seconds = retryAfterOf(error);
        if (seconds !== undefined) {
          const res = context.switchToHttp().getResponse<Response>();
          res.setHeader('Retry-After', String(seconds));
        }
        return throwError(() => error);
      }),
    );
  }
}
