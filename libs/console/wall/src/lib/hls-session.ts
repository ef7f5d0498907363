// The declaration is ambient (a `declare module`), which an import of a .d.ts cannot bring in.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./hls-light.d.ts" />
import type Hls from 'hls.js';

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
    const hls = new HlsClass({
      lowLatencyMode: true,
      backBufferLength: 10,
      xhrSetup: (xhr) => {
        const token = this.token();
        if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      },
    });
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
