import { HlsSession } from './hls-session';
import { WhepSession, type WhepSignalling } from './whep-session';

export type Transport = 'webrtc' | 'hls';
export type PlayerState = 'connecting' | 'playing' | 'reconnecting';

export interface PlayerStatus {
  state: PlayerState;
  transport: Transport | null;
  /** Why WebRTC was given up for LL-HLS, shown on the tile. */
  fallbackReason: string | null;
}

export interface PlayerOptions {
  video: HTMLVideoElement;
  hlsUrl: string;
  whep: WhepSignalling;
  token: () => string | null;
  onStatus: (status: PlayerStatus) => void;
}

/** A picture that has not moved for this long is treated as lost, and the player reconnects. */
export const STALL_MS = 10_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * One live picture: WebRTC (WHEP) first for its latency, LL-HLS when WebRTC cannot be had, and
 * reconnection by itself (WebRTC first again) when either is lost or the picture stalls. Plain
 * TypeScript: it runs outside Angular, which only sees `onStatus`.
 */
export class LivePlayer {
  private session: WhepSession | HlsSession | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stallTimer: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastMove = 0;
  private stopped = false;
  private status: PlayerStatus = { state: 'connecting', transport: null, fallbackReason: null };

  constructor(
    private readonly options: PlayerOptions,
    private readonly createWhep = (onLost: (reason: string) => void) =>
      new WhepSession(options.video, options.whep, onLost),
    private readonly createHls = (onLost: (reason: string) => void) =>
      new HlsSession(options.video, options.hlsUrl, options.token, onLost),
  ) {}

  start(): void {
    this.options.video.muted = true;
    this.stallTimer = setInterval(() => this.checkStall(), 1000);
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.stallTimer);
    this.session?.stop();
    this.session = null;
  }

  /** Reconnect now (e.g. the camera came back online), not at the end of the back-off. */
  retryNow(): void {
    if (this.stopped || this.status.state === 'playing') return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  latencyMs(): number {
    return this.session instanceof HlsSession ? this.session.latencyMs() : 0;
  }

  private async connect(): Promise<void> {
    this.session?.stop();
    this.session = null;
    let fallbackReason: string;
    try {
      const whep = this.createWhep((reason) => this.lost(reason));
      this.session = whep;
      await whep.start();
      return this.playing('webrtc', null);
    } catch (error) {
      this.session?.stop();
      this.session = null;
      if (this.stopped) return;
      fallbackReason = error instanceof Error ? error.message : String(error);
    }
    try {
      const hls = this.createHls((reason) => this.lost(reason));
      this.session = hls;
      await hls.start();
      if (this.stopped) return;
      this.playing('hls', fallbackReason);
    } catch (error) {
      this.lost(error instanceof Error ? error.message : String(error));
    }
  }

  private playing(transport: Transport, fallbackReason: string | null): void {
    if (this.stopped) return;
    this.retryMs = RETRY_MIN_MS;
    this.lastMove = Date.now();
    void this.options.video.play().catch(() => undefined);
    this.emit({ state: 'playing', transport, fallbackReason });
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    this.session?.stop();
    this.session = null;
    this.emit({ state: 'reconnecting', transport: null, fallbackReason: reason });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private checkStall(): void {
    if (this.status.state !== 'playing') return;
    const time = this.options.video.currentTime;
    const now = Date.now();
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastMove = now;
    } else if (now - this.lastMove > STALL_MS) {
      this.lost('picture stalled');
    }
  }

  private emit(status: PlayerStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
