import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor';

describe('alert cursor', () => {
  it('round-trips a position', () => {
    const position = {
      raisedAt: '2026-12-01T10:00:00.123Z',
      id: '0b8f7c1e-2d3a-4f5b-9c6d-7e8f9a0b1c2d',
    };
    expect(decodeAlertCursor(encodeAlertCursor(position))).toEqual(position);
  });

  it('refuses anything else with a 400 naming the cursor', () => {
    for (const bad of ['!!', Buffer.from('[1,2]').toString('base64url'), 'abc']) {
      expect(() => decodeAlertCursor(bad)).toThrow('invalid cursor');
    }
  });
});
