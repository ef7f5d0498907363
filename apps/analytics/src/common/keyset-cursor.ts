import { BadRequestException } from '@nestjs/common';

/**
 * Opaque cursors of keyset pagination, newest first: the time and id of the last row of a page, the
 * next page starting strictly after them. One encoding for every list of the service; each list
 * names its time column and the text form that time has (its precision), which a cursor must match.
 */
export interface KeysetCursor<K extends string> {
  encode(position: Record<K | 'id', string>): string;
  /** The position, or 400 naming `cursor` for anything this API did not hand out. */
  decode(cursor: string): Record<K | 'id', string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidCursor(): BadRequestException {
  return new BadRequestException({
    message: 'invalid cursor',
    details: [{ field: 'cursor', problem: 'cursor is not a cursor from this API' }],
  });
}

export function keysetCursor<K extends string>(timeKey: K, timeFormat: RegExp): KeysetCursor<K> {
  return {
    encode: (position) =>
      Buffer.from(JSON.stringify([position[timeKey], position.id])).toString('base64url'),
    decode: (cursor) => {
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
        !timeFormat.test(decoded[0]) ||
        Number.isNaN(Date.parse(decoded[0])) ||
        !UUID.test(decoded[1])
      ) {
        throw invalidCursor();
      }
      return { [timeKey]: decoded[0], id: decoded[1] } as Record<K | 'id', string>;
    },
  };
}
