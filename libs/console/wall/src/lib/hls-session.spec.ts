import type { Loader, LoaderCallbacks, LoaderContext, LoaderStats } from 'hls.js';
import Hls from 'hls.js/light';
import { liveHlsConfig } from './hls-session';

// A demo camera's media playlist as MediaMTX serves it (15 fps, 1 s GOP, 200 ms parts), cut short.
const MEDIA = `#EXTM3U
#EXT-X-VERSION:10
#EXT-X-TARGETDURATION:1
#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.66750,CAN-SKIP-UNTIL=6.00000
#EXT-X-PART-INF:PART-TARGET=0.26700
#EXT-X-MEDIA-SEQUENCE:35
#EXT-X-MAP:URI="b75ab45f2a60_video1_init.mp4"
#EXT-X-PROGRAM-DATE-TIME:2026-12-03T15:47:31.292Z
#EXTINF:1.00000,
b75ab45f2a60_video1_seg35.mp4
#EXT-X-PROGRAM-DATE-TIME:2026-12-03T15:47:32.292Z
#EXT-X-PART:DURATION=0.26667,URI="b75ab45f2a60_video1_part116.mp4",INDEPENDENT=YES
#EXT-X-PART:DURATION=0.26667,URI="b75ab45f2a60_video1_part117.mp4"
#EXT-X-PART:DURATION=0.26667,URI="b75ab45f2a60_video1_part118.mp4"
#EXT-X-PART:DURATION=0.20000,URI="b75ab45f2a60_video1_part119.mp4"
#EXTINF:1.00000,
b75ab45f2a60_video1_seg36.mp4
#EXT-X-PART:DURATION=0.26667,URI="b75ab45f2a60_video1_part120.mp4",INDEPENDENT=YES
#EXT-X-PRELOAD-HINT:TYPE=PART,URI="b75ab45f2a60_video1_part121.mp4"
`;

/**
 * Serves the playlist above; a blocking reload (`_HLS_msn`) is left pending, as MediaMTX holds it
 * until the next part. (jsdom has no MediaSource, so hls.js is given the media playlist itself: a
 * multivariant playlist's codecs would be refused.)
 */
class MediaMtxLoader implements Loader<LoaderContext> {
  context: LoaderContext | null = null;
  stats: LoaderStats = {
    aborted: false,
    loaded: 0,
    retry: 0,
    total: 0,
    chunkCount: 0,
    bwEstimate: 0,
    loading: { start: 0, first: 0, end: 0 },
    parsing: { start: 0, end: 0 },
    buffering: { start: 0, first: 0, end: 0 },
  };

  load(context: LoaderContext, _config: unknown, callbacks: LoaderCallbacks<LoaderContext>): void {
    this.context = context;
    if (context.url.includes('_HLS_msn=')) return;
    const now = performance.now();
    this.stats.loading = { start: now, first: now, end: now };
    this.stats.loaded = this.stats.total = MEDIA.length;
    setTimeout(() =>
      callbacks.onSuccess({ url: context.url, data: MEDIA }, this.stats, context, null),
    );
  }

  abort(): void {
    this.stats.aborted = true;
  }

  destroy(): void {
    this.context = null;
  }

  getCacheAge(): null {
    return null;
  }

  getResponseHeader(): null {
    return null;
  }
}

describe('liveHlsConfig', () => {
  let hls: Hls | undefined;
  afterEach(() => hls?.destroy());

  async function playlistLoaded(): Promise<Hls> {
    const player = new Hls({ ...liveHlsConfig(() => 'token-1'), loader: MediaMtxLoader });
    hls = player;
    const loaded = new Promise<void>((resolve) =>
      player.on(Hls.Events.LEVEL_LOADED, () => resolve()),
    );
    player.loadSource('http://edge/hls/cam_1/video1_stream.m3u8');
    await loaded;
    return player;
  }

  it('aims at the playlist’s PART-HOLD-BACK and keeps that aim after a stall', async () => {
    const player = await playlistLoaded();
    expect(player.targetLatency).toBeCloseTo(0.6675, 4);
    player.trigger(Hls.Events.ERROR, {
      type: Hls.ErrorTypes.MEDIA_ERROR,
      details: Hls.ErrorDetails.BUFFER_STALLED_ERROR,
      fatal: false,
      error: new Error('stalled'),
    });
    expect(player.targetLatency).toBeCloseTo(0.6675, 4);
  });

  it('plays faster, up to 1.5×, when it has fallen behind with more than a second buffered', async () => {
    const player = await playlistLoaded();
    const edge = player.latestLevelDetails?.edge ?? 0;
    // A video element 2 s behind the playlist's end with all of it buffered, as after a stall.
    const listeners: Record<string, () => void> = {};
    const media = {
      currentTime: edge - 2,
      playbackRate: 1,
      buffered: { length: 1, start: () => 0, end: () => edge },
      addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
      removeEventListener: () => undefined,
    };
    player.trigger(Hls.Events.MEDIA_ATTACHED, { media: media as unknown as HTMLMediaElement });
    listeners['timeupdate']();
    expect(media.playbackRate).toBeGreaterThan(1);
    expect(media.playbackRate).toBeLessThanOrEqual(1.5);
    // Back within the last second of buffer: normal speed again.
    media.currentTime = edge - 0.8;
    listeners['timeupdate']();
    expect(media.playbackRate).toBe(1);
  });

  it('sends the access token current at each request, and none without one', () => {
    let token: string | null = 'token-1';
    const { xhrSetup } = liveHlsConfig(() => token);
    const headers = (): Record<string, string> => {
      const set: Record<string, string> = {};
      const xhr = { setRequestHeader: (name: string, value: string) => (set[name] = value) };
      void xhrSetup?.(xhr as unknown as XMLHttpRequest, '/hls/cam_1/index.m3u8');
      return set;
    };
    expect(headers()).toEqual({ Authorization: 'Bearer token-1' });
    token = 'token-2';
    expect(headers()).toEqual({ Authorization: 'Bearer token-2' });
    token = null;
    expect(headers()).toEqual({});
  });
});
