import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './camera-cursor';

function problemOf(run: () => unknown): { field: string; problem: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { details: never[] }).details;
  }
  throw new Error('expected the cursor to be refused');
}

describe('camera cursors', () => {
  it.each([
    ['name', 'Gate "7" – Norte'],
    ['createdAt', '2026-11-25T10:00:00.123Z'],
    ['status', 'online'],
  ] as const)('round-trip a %s position, opaque and URL-safe', (sort, key) => {
    const cursor = encodeCursor(sort, 'desc', { key, id: 42 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, sort, 'desc')).toEqual({ key, id: 42 });
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['not base64url', 'abc$%^'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['truncated', encodeCursor('name', 'asc', { key: 'x', id: 1 }).slice(0, -3)],
    ['the wrong shape', forged({ key: 'x', id: 1 })],
    ['an id that is not an integer', forged(['name', 'asc', 'x', 1.5])],
    ['an id beyond integer range', forged(['name', 'asc', 'x', 2 ** 31])],
    ['a name with a NUL', forged(['name', 'asc', 'a\u0000', 1])],
    ['from another sort', encodeCursor('status', 'asc', { key: 'online', id: 1 })],
    ['from another order', encodeCursor('name', 'desc', { key: 'x', id: 1 })],
  ])('refuse a cursor that is %s, naming `cursor`', (_, cursor) => {
    expect(problemOf(() => decodeCursor(cursor, 'name', 'asc'))).toEqual([
      { field: 'cursor', problem: expect.any(String) },
    ]);
  });

  it.each([
    ['createdAt', 'yesterday'],
    ['status', 'exploded'],
  ] as const)('refuse a %s cursor whose key is not of its kind', (sort, key) => {
    const cursor = forged([sort, 'asc', key, 1]);
    expect(problemOf(() => decodeCursor(cursor, sort, 'asc'))[0].field).toBe('cursor');
  });
});
