import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { CameraEvents } from '../cameras/camera-events';
import { MediaMtxPaths } from './mediamtx-paths';
import { PathReconciler } from './path-reconciler';
import { Poller } from '@gt-vision/backend-poller';

/**
 * A config list is one small GET, so every 2 s costs nothing and bounds how long MediaMTX runs
 * without the cameras' paths after a restart.
 */
export const DRIFT_POLL_MS = 2000;

/**
 * When the reconciler runs: once at start-up, after every camera write (in-process event), and when
 * MediaMTX's configuration is seen to differ from the desired state. Comparing first is what makes
 * it drift *detection*: an unchanged MediaMTX gets no writes, however long the service runs.
 */
@Injectable()
export class PathDriftWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly poller = new Poller('drift check', DRIFT_POLL_MS, () => this.check());
  private subscription: Subscription | undefined;

  constructor(
    private readonly reconciler: PathReconciler,
    private readonly paths: MediaMtxPaths,
    private readonly events: CameraEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.events.changes$.subscribe(() => void this.reconciler.trigger());
    void this.reconciler.trigger();
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.poller.stop();
  }

  /** A failed list (MediaMTX down) is not drift; the poller logs it and the next poll retries. */
  async check(): Promise<void> {
    if (this.reconciler.hasDrift(await this.paths.listConfigs())) await this.reconciler.trigger();
  }
}
