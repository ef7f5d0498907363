import {
  clipAt,
  percentOf,
  queryFromParams,
  toSpans,
  withToken,
  WRITING_SLACK_MS,
} from './playback-model';

const T0 = Date.parse('2026-12-02T07:00:00Z');

describe('playback model', () => {
  const spans = toSpans([
    {
      start: '2026-12-02T07:05:00Z',
      duration: 60,
      url: 'http://edge:8080/get?path=cam_1&start=2026-12-02T07%3A05%3A00Z&duration=60',
    },
    {
      start: '2026-12-02T07:00:00.000000001Z',
      duration: 120,
      url: 'http://edge:8080/get?path=cam_1&start=2026-12-02T07%3A00%3A00Z&duration=120',
    },
  ]);

  it('sorts spans and plays them through the edge’s /playback prefix', () => {
    expect(spans.map((s) => s.startMs)).toEqual([T0, T0 + 5 * 60_000]);
    expect(spans[0]?.url.startsWith('/playback/get?path=cam_1')).toBe(true);
  });

  it('starts a clip a little before the moment, inside the span holding it', () => {
    const clip = clipAt(spans, T0 + 30_000);
    expect(clip?.startMs).toBe(T0 + 27_000);
    const query = new URLSearchParams(clip?.url.split('?')[1]);
    expect(clip?.url.startsWith('/playback/get?')).toBe(true);
    expect(query.get('start')).toBe('2026-12-02T07:00:27.000Z');
    expect(query.get('duration')).toBe('93');
  });

  it('does not start before the span, and jumps a gap to the next span', () => {
    expect(clipAt(spans, T0 + 1000)?.startMs).toBe(T0);
    expect(clipAt(spans, T0 + 3 * 60_000)?.startMs).toBe(T0 + 5 * 60_000);
    expect(clipAt(spans, T0 + 10 * 60_000)).toBeNull();
  });

  it('plays a moment just past the last listed recording from the one still being written', () => {
    // The last span ends at 07:06:00; a detection of 07:06:05 is in the segment being written.
    const clip = clipAt(spans, T0 + 6 * 60_000 + 5_000);
    expect(clip?.startMs).toBe(T0 + 6 * 60_000 + 2_000);
    const query = new URLSearchParams(clip?.url.split('?')[1]);
    expect(query.get('start')).toBe('2026-12-02T07:06:02.000Z');
    expect(query.get('duration')).toBe('33');
    expect(clipAt(spans, T0 + 6 * 60_000 + WRITING_SLACK_MS + 1)).toBeNull();
  });

  it('places times on the timeline in percent, clamped', () => {
    expect(percentOf(T0 + 50, T0, T0 + 100)).toBe(50);
    expect(percentOf(T0 - 10, T0, T0 + 100)).toBe(0);
    expect(percentOf(T0 + 500, T0, T0 + 100)).toBe(100);
  });

  it('adds the access token for the <video>', () => {
    expect(withToken('/playback/get?path=cam_1', 'a b')).toBe(
      '/playback/get?path=cam_1&token=a%20b',
    );
    expect(withToken('/playback/get?path=cam_1', null)).toBe('/playback/get?path=cam_1');
  });

  it('reads the URL, defaulting to the last 15 minutes', () => {
    const params: Record<string, string> = { camera: '3', at: '2026-12-02T07:01:00Z' };
    const query = queryFromParams((name) => params[name] ?? null, T0 + 3_600_000);
    expect(query).toEqual({
      cameraId: 3,
      fromMs: T0 + 45 * 60_000,
      toMs: T0 + 3_600_000,
      atMs: T0 + 60_000,
    });
    expect(queryFromParams(() => 'x', T0).cameraId).toBeNull();
  });
});
