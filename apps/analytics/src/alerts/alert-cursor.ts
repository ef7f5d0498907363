import { BadRequestException } from '@nestjs/common';

/** Where the next page starts: after the alert raised at `raisedAt` with this id (newest first). */
export interface AlertCursor {
  raisedAt: string;
  id: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidCursor(): BadRequestException {
  return new BadRequestException({
    message: 'invalid cursor',
    details: [{ field: 'cursor', problem: 'cursor is not a cursor from this API' }],
  });
}

export function encodeAlertCursor(position: AlertCursor): string {
  return Buffer.from(JSON.stringify([position.raisedAt, position.id])).toString('base64url');
}

export function decodeAlertCursor(cursor: string): AlertCursor {
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
    !ISO_TIME.test(decoded[0]) ||
    Number.isNaN(Date.parse(decoded[0])) ||
    !UUID.test(decoded[1])
  ) {
    throw invalidCursor();
  }
  return { raisedAt: decoded[0], id: decoded[1] };
}
