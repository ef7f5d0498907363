import { BadRequestException } from '@nestjs/common';

/** Where the next page starts: strictly after (older than) this capture time and id. */
export interface DetectionCursor {
  /** PostgreSQL's own microsecond UTC text, so no precision is lost between pages. */
  capturedAt: string;
  id: string;
}

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidCursor(): BadRequestException {
  return new BadRequestException({
    message: 'invalid cursor',
    details: [{ field: 'cursor', problem: 'cursor is not a cursor from this API' }],
  });
}

export function encodeCursor(position: DetectionCursor): string {
  return Buffer.from(JSON.stringify([position.capturedAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): DetectionCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !MICRO_TIME.test(decoded[0]) ||
    Number.isNaN(Date.parse(decoded[0])) ||
    !UUID.test(decoded[1])
  ) {
    throw invalidCursor();
  }
  return { capturedAt: decoded[0], id: decoded[1] };
}
