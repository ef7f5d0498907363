import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { requestIdOf, withRequestId } from '@gt-vision/backend-logging';
import type { ErrorDetail } from '@gt-vision/shared-types';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';

/** body-parser's default: no route of the product takes more, ingest raises it through its config. */
export const DEFAULT_JSON_BODY_LIMIT = 100 * 1024;
/**
 * Deepest nesting of arrays and objects a JSON body may have. Our DTOs nest two or three levels; a body
 * nested tens of thousands deep parses, but recursion over it later (validation, transformation,
 * logging) overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** What body-parser (through http-errors) throws: a status, whether it may be shown, and a type. */
interface BodyParserError {
  status: number;
  expose: boolean;
  type?: string;
  code?: string;
  limit?: number;
  charset?: string;
  message: string;
}

class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/**
 * Scans the raw bytes once, before parsing, so that a deep body is refused without ever being built.
 * Brackets inside strings do not count; `\"` does not end a string.
 */
export function jsonDepthExceeds(raw: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

function verifyDepth(_req: IncomingMessage, _res: unknown, raw: Buffer): void {
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
    throw new JsonTooDeepError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * The request id is set before any parser runs, so that a body refused by a parser is answered and
 * logged with the id the edge gave (pino-http keeps an id already on the request); the rest of the
 * request runs with it in the context's baggage, which carries it into the messages the request sends.
 */
function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const request = req as Request & { id?: string };
  request.id ??= requestIdOf(req, res);
  withRequestId(request.id, next);
}

/**
 * Request id, then the JSON and form parsers with a size limit and a depth limit. Registered here rather
 * than by Nest's defaults so that the limits hold in every service.
 */
export function useBodyParsers(app: INestApplication, jsonLimit = DEFAULT_JSON_BODY_LIMIT): void {
  const express = app as NestExpressApplication;
  express.use(assignRequestId);
  // Nest's types leave out `verify` (it uses it for rawBody, which no service enables); body-parser
  // takes it.
  const jsonOptions: Record<string, unknown> = { limit: jsonLimit, verify: verifyDepth };
  express.useBodyParser('json', jsonOptions);
  express.useBodyParser('urlencoded', { limit: jsonLimit, extended: false });
}

export function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    e.expose === true
  );
}

/** The message and details the one error shape carries for a body a parser refused. */
export function describeBodyError(error: BodyParserError): {
  statusCode: number;
  message: string;
  details: ErrorDetail[];
} {
  const problems: Record<string, string> = {
    'entity.too.large': `larger than the limit of ${error.limit ?? DEFAULT_JSON_BODY_LIMIT} bytes`,
    'entity.too.deep': `nested deeper than ${MAX_JSON_DEPTH} levels`,
    'entity.parse.failed': 'is not valid JSON',
    'charset.unsupported': `charset ${error.charset ?? '?'} is not supported; send UTF-8`,
    'encoding.unsupported': 'content encoding is not supported; send gzip, deflate or none',
    'request.size.invalid': 'is shorter or longer than its Content-Length',
    'request.aborted': 'was aborted by the client',
  };
  // A broken gzip/deflate stream is reported by zlib (code Z_*) without a body-parser type.
  const problem =
    problems[error.type ?? ''] ??
    (error.code?.startsWith('Z_') ? 'is not valid for its Content-Encoding' : 'cannot be read');
  const field = error.type === 'charset.unsupported' ? 'content-type' : 'body';
  return {
    statusCode: error.status,
    message: `request body ${problem}`,
    details: [{ field, problem }],
  };
}
