import { log } from './log';
import { PlateSchedule, plateAt } from '@gt-vision/demo-scene';
import { Feed, PublishSession, PublisherProcess } from './publisher-process';

/**
 * waiting: its clip is still being rendered; running: its session is in the publisher process (MediaMTX's API
 * says whether its camera path is pulling it); paused: its readers' connections stay open but get nothing (a
 * hung camera);
 * backoff: its session failed and a restart is scheduled; stopped: stopped through the control endpoint.
 */
export type PublisherState = 'waiting' | 'running' | 'paused' | 'backoff' | 'stopped';

export interface PublisherStatus {
  camera: number;
  path: string;
  state: PublisherState;
  /** The publisher process's pid while the camera has a session in it (running or paused; shared by all cameras). */
  pid: number | null;
  /** Automatic restarts after its session failed (not stops/starts through the control endpoint). */
  restarts: number;
  /** When the current state began. */
  since: string;
  /** The plate on screen now, estimated from when its session started (to within about a second); null unless running. */
  plate: string | null;
}

/** Restart delays double from 1 s to 30 s, so a passing failure is over quickly but a broken setup does not spin. */
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
/** A run this long counts as healthy: the next failure starts again from the shortest delay. */
const HEALTHY_RUN_MS = 30_000;

/** A demo camera's feeds: `sim_N`, and `sim_N_sub` for its low-resolution sub-stream. */
export function feedPaths(camera: number): { main: string; sub: string } {
  return { main: `sim_${camera}`, sub: `sim_${camera}_sub` };
}

/** One camera: its session in the publisher process, restarted with backoff when it fails. */
export class Publisher {
  private state: PublisherState = 'waiting';
  private since = Date.now();
  private feeds: Feed[] | undefined;
  private run: PublishSession | undefined;
  private startedAt = 0;
  private pausedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private restarts = 0;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    readonly camera: number,
    private readonly publisher: PublisherProcess,
    readonly schedule: PlateSchedule,
  ) {}

  /** Called once the clips are rendered; publishing begins unless the camera was stopped meanwhile. */
  publish(clips: { main: string; sub: string }): void {
    const paths = feedPaths(this.camera);
    this.feeds = [
      { clip: clips.main, path: paths.main },
      { clip: clips.sub, path: paths.sub },
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
    // Cleared before stopping, so a failure reported meanwhile is known to be no reason to restart.
    this.run = undefined;
    if (run) {
      await run.stop();
      log('info', 'publisher stopped', { camera: this.camera });
    }
  }

  /** Freezes a running camera (see PublishSession.pause). False unless it is running or already paused. */
  pause(): boolean {
    if (this.state === 'paused') return true;
    if (this.state !== 'running' || !this.run) return false;
    this.run.pause();
    this.pausedAt = Date.now();
    this.setState('paused');
    return true;
  }

  /**
   * Lets a paused camera carry on from the frame it stopped at. If its session failed meanwhile, it now
   * fails and is restarted like after any failure. False unless it is paused or already running.
   */
  resume(): boolean {
    if (this.state === 'running') return true;
    if (this.state !== 'paused' || !this.run) return false;
    this.run.resume();
    // The clip carries on from where it froze, so the plate on screen is as many seconds behind.
    this.startedAt += Date.now() - this.pausedAt;
    this.setState('running');
    return true;
  }

  status(): PublisherStatus {
    const running = this.state === 'running';
    return {
      camera: this.camera,
      path: feedPaths(this.camera).main,
      state: this.state,
      pid: this.run ? (this.publisher.pid ?? null) : null,
      restarts: this.restarts,
      since: new Date(this.since).toISOString(),
      plate: running ? plateAt(this.schedule, (Date.now() - this.startedAt) / 1000).plate : null,
    };
  }

  private launch(): void {
    if (this.feeds === undefined) return;
    const run = this.publisher.start(this.feeds);
    this.run = run;
    this.startedAt = Date.now();
    this.setState('running');
    log('info', 'publisher started', { camera: this.camera, pid: this.publisher.pid });
    void run.failed.then((reason) => this.failed(run, reason));
  }

  private failed(run: PublishSession, reason: string): void {
    if (this.run !== run) return;
    this.run = undefined;
    if (Date.now() - this.startedAt >= HEALTHY_RUN_MS) this.backoffMs = BACKOFF_MIN_MS;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    log('warn', 'publisher failed; restarting', {
      camera: this.camera,
      error: reason,
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
