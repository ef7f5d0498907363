import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { AuthenticatedRequest } from '@gt-vision/backend-auth';
import type { ErrorDetail, ErrorResponse } from '@gt-vision/shared-types';
import type { Request, Response } from 'express';
import { describeBodyError, isBodyParserError } from './body-parsing';

const STATUS_TEXT: Record<number, string> = Object.fromEntries(
  Object.entries(HttpStatus)
    .filter(([, code]) => typeof code === 'number')
    .map(([name, code]) => [
      code,
      name
        .toLowerCase()
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' '),
    ]),
);

/**
 * Seconds a 429 or 503 tells the client to wait: exceptions that know carry `retryAfterSeconds`,
 * and the filter sends it as `Retry-After`.
 */
export function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const seconds = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Reads whatever an HttpException carries into the one error shape. */
export function toErrorResponse(exception: HttpException): ErrorResponse {
  const statusCode = exception.getStatus();
  const body = exception.getResponse();
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message =
    typeof body === 'string'
      ? body
      : Array.isArray(fields['message'])
        ? (fields['message'] as string[]).join('; ')
        : typeof fields['message'] === 'string'
          ? (fields['message'] as string)
          : exception.message;
  const details = Array.isArray(fields['details']) ? (fields['details'] as ErrorDetail[]) : [];
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message, details };
}

/**
 * Every 4xx/5xx leaves in the same shape. Unknown errors are logged with the request id and answered
 * with a bare 500: internals (SQL, stack traces, hostnames) never reach a client.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorResponseFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<Request & AuthenticatedRequest & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    // A caller who is not authenticated gets the same 401 for a path no route serves as for one
    // that exists, so that the API cannot be mapped without credentials.
    if (exception instanceof NotFoundException && req.authFailure && !req.routeMatched) {
      exception = req.authFailure;
    }
    let body: ErrorResponse;
    if (exception instanceof HttpException) {
      body = toErrorResponse(exception);
    } else if (isBodyParserError(exception)) {
      // A body the parsers refused (too large, too deep, bad JSON, charset, encoding) is the
      // client's mistake: answered in the one shape and not logged as an error.
      const { statusCode, message, details } = describeBodyError(exception);
      body = { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message, details };
    } else {
      this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');
      body = {
        statusCode: 500,
        error: 'Internal Server Error',
        message: `internal error; quote request id ${req.id ?? 'unknown'} when reporting it`,
        details: [],
      };
    }
    if (res.headersSent) return;
    const retryAfter = retryAfterOf(exception);
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }
}
