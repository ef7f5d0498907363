// The declaration is ambient (a `declare module`), which an import of a .d.ts cannot bring in.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./hls-light.d.ts" />
import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';

/**
 * hls.js for a live camera, as close to live as MediaMTX's LL-HLS allows. MediaMTX hands each part
 * out as it is made (hls.js's `latency` measured within ~50 ms of glass-to-glass), so the latency is
 * where the player sits behind the playlist's end: it starts at the playlist's PART-HOLD-BACK (2.5
 * parts, ~0.6 s with 200 ms parts) and every stall adds its length. With hls.js's defaults nothing
 * takes that back, so a tile stayed 1.6–2.7 s behind (bench:console latency: 0.7–1.1 s p95 with these).
 */
export function liveHlsConfig(token: () => string | null): Partial<HlsConfig> {
  return {
    lowLatencyMode: true,
    // Back to the target after a stall by playing up to 1.5× (hardly visible on a silent camera
    // picture) instead of never (the default, 1). hls.js speeds up only while more than 1 s is
    // buffered, so catching up never eats into the last second of buffer.
    maxLiveSyncPlaybackRate: 1.5,
    // The target stays the playlist's PART-HOLD-BACK after a stall. The default raises it by 1 s a
    // stall (up to a segment), and nothing catches up below the target: a stall at start-up, all but
    // certain on a busy machine, kept the tile a second further behind for good. The second of buffer
    // that catching up leaves is the margin against the next stall that the raise was for.
    liveSyncOnStallIncrease: 0,
    backBufferLength: 10,
    xhrSetup: (xhr) => {
      const value = token();
      if (value) xhr.setRequestHeader('Authorization', `Bearer ${value}`);
    },
  };
}

/**
 * An LL-HLS session with hls.js in low-latency mode. hls.js is imported here dynamically, so it is
 * its own chunk (the light build: no subtitles, alternate audio or DRM, none of which a live camera
 * uses), fetched the first time a tile falls back to HLS and never when WebRTC works.
 */
export class HlsSession {
  private hls: Hls | null = null;
  private closed = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    /** Read at every request: the access token may have been refreshed since the session began. */
    private readonly token: () => string | null,
    private readonly onLost: (reason: string) => void,
  ) {}

  async start(): Promise<void> {
    const { default: HlsClass } = await import('hls.js/light');
    if (this.closed) return;
    if (!HlsClass.isSupported()) throw new Error('HLS unsupported');
    const hls = new HlsClass(liveHlsConfig(this.token));
    this.hls = hls;
    let started = false;
    await new Promise<void>((resolve, reject) => {
      hls.on(HlsClass.Events.MANIFEST_PARSED, () => {
        started = true;
        resolve();
      });
      hls.on(HlsClass.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const reason = `HLS ${data.details}`;
        if (!started) reject(new Error(reason));
        else if (!this.closed) this.onLost(reason);
      });
      hls.loadSource(this.url);
      hls.attachMedia(this.video);
    });
  }

  /** How far behind live the player is, for keeping overlays in step with the picture. */
  latencyMs(): number {
    return (this.hls?.latency ?? 0) * 1000;
  }

  stop(): void {
    this.closed = true;
    this.hls?.destroy();
    this.hls = null;
    this.video.removeAttribute('src');
  }
}
