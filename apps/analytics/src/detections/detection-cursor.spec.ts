import { decodeCursor, encodeCursor } from './detection-cursor';

const position = {
  capturedAt: '2026-12-01T10:00:00.123456Z',
  id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
};

describe('detection cursor', () => {
  it('round-trips a position with microseconds', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64url', 'a+b/c'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    [
      'a millisecond time',
      Buffer.from(JSON.stringify(['2026-12-01T10:00:00.123Z', position.id])).toString('base64url'),
    ],
    ['not a uuid', Buffer.from(JSON.stringify([position.capturedAt, 'x'])).toString('base64url')],
    [
      'extra fields',
      Buffer.from(JSON.stringify([position.capturedAt, position.id, 1])).toString('base64url'),
    ],
  ])('refuses %s as a 400 naming cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({
        response: expect.objectContaining({
          details: [expect.objectContaining({ field: 'cursor' })],
        }),
      }),
    );
  });
});
