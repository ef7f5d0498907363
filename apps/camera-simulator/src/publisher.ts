import { FfmpegExit, FfmpegRun } from './ffmpeg-process';
import { log } from './log';
import { PlateSchedule, plateAt } from '@gt-vision/demo-scene';

/**
 * waiting: its clip is still being rendered; running: ffmpeg is up (MediaMTX's API says whether the path
 * is ready); paused: ffmpeg is frozen with its connection open (a hung camera); backoff: ffmpeg exited and
 * a restart is scheduled; stopped: stopped through the control endpoint.
 */
export type PublisherState = 'waiting' | 'running' | 'paused' | 'backoff' | 'stopped';

export interface PublisherStatus {
  camera: number;
  path: string;
  state: PublisherState;
  pid: number | null;
  /** Automatic restarts after ffmpeg exited by itself (not stops/starts through the control endpoint). */
  restarts: number;
  /** When the current state began. */
  since: string;
  /** The plate on screen now, estimated from when ffmpeg started (to within about a second); null unless running. */
  plate: string | null;
}

/** Restart delays double from 1 s to 30 s, so a MediaMTX restart is picked up quickly but a broken setup does not spin. */
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
/** A run this long counts as healthy: the next failure starts again from the shortest delay. */
const HEALTHY_RUN_MS = 30_000;

/** A clip and where it is published. */
export interface Feed {
  clip: string;
  url: string;
}

/** A demo camera's feeds on MediaMTX: `sim_N`, and `sim_N_sub` for its low-resolution sub-stream. */
export function feedPaths(camera: number): { main: string; sub: string } {
  return { main: `sim_${camera}`, sub: `sim_${camera}_sub` };
}

/**
 * Loops each clip forever by stream copy: no decoding or encoding, so a publisher costs about as much
 * CPU as copying ~25 KB/s of packets per feed. -re paces reading at the clip's frame rate, as a live
 * camera would. One ffmpeg for all of a camera's feeds: they stop, freeze and fail together, as the
 * streams of one real camera do.
 */
export function publishArgs(feeds: readonly Feed[]): string[] {
  const inputs = feeds.flatMap((feed) => ['-re', '-stream_loop', '-1', '-i', feed.clip]);
  const outputs = feeds.flatMap((feed, i) => [
    '-map',
    `${i}:v`,
    '-c',
    'copy',
    '-f',
    'rtsp',
    // MediaMTX accepts only TCP (rtspTransports in mediamtx.yml).
    '-rtsp_transport',
    'tcp',
    feed.url,
  ]);
  return ['-nostdin', '-hide_banner', '-loglevel', 'error', ...inputs, ...outputs];
}

/** One camera: an ffmpeg publishing its clip to MediaMTX, restarted with backoff when it exits. */
export class Publisher {
  private state: PublisherState = 'waiting';
  private since = Date.now();
  private feeds: Feed[] | undefined;
  private run: FfmpegRun | undefined;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private restarts = 0;
  private backoffMs = BACKOFF_MIN_MS;

  /** `rtspUrl`: MediaMTX's base URL; the feeds go to its `feedPaths(camera)`. */
  constructor(
    readonly camera: number,
    private readonly rtspUrl: string,
    readonly schedule: PlateSchedule,
  ) {}

  /** Called once the clips are rendered; publishing begins unless the camera was stopped meanwhile. */
  publish(clips: { main: string; sub: string }): void {
    const paths = feedPaths(this.camera);
    this.feeds = [
      { clip: clips.main, url: `${this.rtspUrl}/${paths.main}` },
      { clip: clips.sub, url: `${this.rtspUrl}/${paths.sub}` },
    ];
    if (this.state === 'waiting') this.launch();
  }

  /** Resumes a stopped camera. False while its clip is still being rendered. */
  start(): boolean {
    if (this.feeds === undefined) return false;
    if (this.state === 'stopped') {
      this.backoffMs = BACKOFF_MIN_MS;
      this.launch();
    }
    return true;
  }

  /** Stops the camera until start(); also how the simulator shuts down. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    clearTimeout(this.timer);
    this.setState('stopped');
    const run = this.run;
    // Cleared before stopping, so the exit handler knows this exit was asked for and does not restart.
    this.run = undefined;
    if (run) {
      await run.stop();
      log('info', 'publisher stopped', { camera: this.camera });
    }
  }

  /** Freezes a running camera (see FfmpegRun.pause). False unless it is running or already paused. */
  pause(): boolean {
    if (this.state === 'paused') return true;
    if (this.state !== 'running' || !this.run) return false;
    this.run.pause();
    this.setState('paused');
    return true;
  }

  /**
   * Lets a paused camera carry on. If MediaMTX dropped the frozen connection meanwhile, ffmpeg now exits
   * and is restarted like after any failure. False unless it is paused or already running.
   */
  resume(): boolean {
    if (this.state === 'running') return true;
    if (this.state !== 'paused' || !this.run) return false;
    this.run.resume();
    this.setState('running');
    return true;
  }

  status(): PublisherStatus {
    const running = this.state === 'running';
    return {
      camera: this.camera,
      path: feedPaths(this.camera).main,
      state: this.state,
      pid: this.run?.pid ?? null,
      restarts: this.restarts,
      since: new Date(this.since).toISOString(),
      plate: running ? plateAt(this.schedule, (Date.now() - this.startedAt) / 1000).plate : null,
    };
  }

  private launch(): void {
    if (this.feeds === undefined) return;
    const run = new FfmpegRun(publishArgs(this.feeds));
    this.run = run;
    this.startedAt = Date.now();
    this.setState('running');
    log('info', 'publisher started', { camera: this.camera, pid: run.pid });
    void run.exited.then((exit) => this.exited(run, exit));
  }

  private exited(run: FfmpegRun, exit: FfmpegExit): void {
    if (this.run !== run) return;
    this.run = undefined;
    if (Date.now() - this.startedAt >= HEALTHY_RUN_MS) this.backoffMs = BACKOFF_MIN_MS;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    log('warn', 'publisher exited; restarting', {
      camera: this.camera,
      code: exit.code,
      signal: exit.signal,
      stderr: exit.stderr,
      retryInMs: delay,
    });
    this.setState('backoff');
    this.timer = setTimeout(() => {
      this.restarts++;
      this.launch();
    }, delay);
  }

  private setState(state: PublisherState): void {
    this.state = state;
    this.since = Date.now();
  }
}
