import { playbackGetUrl } from './recordings';

describe('playbackGetUrl', () => {
  it('puts MediaMTX’s /get back under the edge’s /playback prefix, relative to the page', () => {
    expect(
      playbackGetUrl(
        'http://gtv.example:8080/get?path=cam_1&start=2026-12-02T07%3A00%3A00.5Z&duration=60',
      ),
    ).toBe('/playback/get?path=cam_1&start=2026-12-02T07%3A00%3A00.5Z&duration=60');
  });

  it('keeps a URL that already has the prefix as it is', () => {
    expect(playbackGetUrl('/playback/get?path=cam_2&start=x&duration=1')).toBe(
      '/playback/get?path=cam_2&start=x&duration=1',
    );
  });
});
