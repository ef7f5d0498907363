import { BadRequestException } from '@nestjs/common';
import { CAMERA_STATUSES, type CameraSort, type SortOrder } from '@gt-vision/shared-types';

/** Where the next page starts: after the row with this sort key and id. */
export interface CameraCursor {
  key: string;
  id: number;
}

const MAX_ID = 2 ** 31 - 1;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A key is only meaningful for the sort it came from; each sort checks its own kind of key. */
const KEY_CHECKS: Record<CameraSort, (key: string) => boolean> = {
  name: (key) => key.length <= 400 && !/\p{Cc}/u.test(key),
  createdAt: (key) => ISO_TIME.test(key) && !Number.isNaN(Date.parse(key)),
  status: (key) => (CAMERA_STATUSES as readonly string[]).includes(key),
};

function invalidCursor(problem: string): BadRequestException {
  return new BadRequestException({
    message: 'invalid cursor',
    details: [{ field: 'cursor', problem }],
  });
}

/** The sort and order travel in the cursor so that reusing it with another sort fails loudly. */
export function encodeCursor(sort: CameraSort, order: SortOrder, position: CameraCursor): string {
  return Buffer.from(JSON.stringify([sort, order, position.key, position.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, sort: CameraSort, order: SortOrder): CameraCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('cursor is not a cursor from this API');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('cursor is not a cursor from this API');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    typeof decoded[2] !== 'string' ||
    !Number.isInteger(decoded[3]) ||
    decoded[3] < 1 ||
    decoded[3] > MAX_ID
  ) {
    throw invalidCursor('cursor is not a cursor from this API');
  }
  const [cursorSort, cursorOrder, key, id] = decoded as [unknown, unknown, string, number];
  if (cursorSort !== sort || cursorOrder !== order) {
    throw invalidCursor('cursor belongs to a different sort or order; start again without it');
  }
  if (!KEY_CHECKS[sort](key)) throw invalidCursor('cursor is not a cursor from this API');
  return { key, id };
}
