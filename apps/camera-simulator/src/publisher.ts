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

/**
 * Loops the clip forever by stream copy: no decoding or encoding, so a publisher costs about as much CPU
 * as copying ~25 KB/s of packets. -re paces reading at the clip's frame rate, as a live camera would.
 */
export function publishArgs(clip: string, url: string): string[] {
  return [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-stream_loop',
    '-1',
    '-i',
    clip,
    '-c',
    'copy',
    '-f',
    'rtsp',
    // MediaMTX accepts only TCP (rtspTransports in mediamtx.yml).
    '-rtsp_transport',
    'tcp',
    url,
  ];
}

/** One camera: an ffmpeg publishing its clip to MediaMTX, restarted with backoff when it exits. */
export class Publisher {
  private state: PublisherState = 'waiting';
  private since = Date.now();
  private clip: string | undefined;
  private run: FfmpegRun | undefined;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private restarts = 0;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    readonly camera: number,
    private readonly url: string,
    readonly schedule: PlateSchedule,
  ) {}

  /** Called once the clip is rendered; publishing begins unless the camera was stopped meanwhile. */
  publish(clip: string): void {
    this.clip = clip;
    if (this.state === 'waiting') this.launch();
  }

  /** Resumes a stopped camera. False while its clip is still being rendered. */
  start(): boolean {
    if (this.clip === undefined) return false;
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
      path: `sim_${this.camera}`,
      state: this.state,
      pid: this.run?.pid ?? null,
      restarts: this.restarts,
      since: new Date(this.since).toISOString(),
      plate: running ? plateAt(this.schedule, (Date.now() - this.startedAt) / 1000).plate : null,
    };
  }

  private launch(): void {
    if (this.clip === undefined) return;
    const run = new FfmpegRun(publishArgs(this.clip, this.url));
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
