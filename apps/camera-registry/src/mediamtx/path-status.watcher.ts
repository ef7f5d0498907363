import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { CameraStatus } from '@gt-vision/shared-types';
import type { Counter } from 'prom-client';
import { CameraEvents } from '../cameras/camera-events';
import { CameraRepository } from '../cameras/camera.repository';
import { MediaMtxPaths } from './mediamtx-paths';
import { STATUS_POLL_ERRORS_METRIC } from './mediamtx-sync.metrics';
import { cameraPathName } from './path-config';
import { PathReconciler } from './path-reconciler';
import { deriveStatus, type DerivedStatus } from './path-status';
import { Poller } from './poller';

/**
 * 1 s polling: a change is stored and published at most ~1 s (+ one API round trip) after MediaMTX
 * sees it, well inside the 5 s the issue asks for. MediaMTX itself notices a dead RTSP source after
 * its read timeout (readTimeout, 10 s in mediamtx.yml), which no polling rate can shorten.
 */
export const STATUS_POLL_MS = 1000;

/** Keeps each enabled camera's status (online / connecting / offline) in step with its MediaMTX path. */
@Injectable()
export class PathStatusWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PathStatusWatcher.name);
  private readonly poller = new Poller('path status poll', STATUS_POLL_MS, () => this.poll());
  /** Cameras whose path was (re)configured and has not been ready since. */
  private readonly fresh = new Set<number>();
  /** When each not-ready camera was first seen waiting (or was reconfigured). */
  private readonly waitingSince = new Map<number, number>();

  constructor(
    private readonly cameras: CameraRepository,
    private readonly paths: MediaMtxPaths,
    private readonly reconciler: PathReconciler,
    private readonly events: CameraEvents,
    @InjectMetric(STATUS_POLL_ERRORS_METRIC) private readonly errors: Counter<string>,
  ) {
    reconciler.onApplied((cameraId) => {
      this.fresh.add(cameraId);
      this.waitingSince.set(cameraId, Date.now());
    });
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async poll(): Promise<void> {
    if (!this.reconciler.started) return;
    let ready: Set<string>;
    try {
      const states = await this.paths.listStates();
      ready = new Set(states.filter((state) => state.ready).map((state) => state.name));
    } catch (error) {
      // MediaMTX down says nothing about the cameras: mark none offline; readiness reports it.
      this.errors.inc();
      throw error;
    }
    const cameras = await this.cameras.listEnabledStatuses();
    this.forgetAllBut(new Set(cameras.map((camera) => camera.id)));
    const now = Date.now();
    for (const camera of cameras) {
      const isReady = ready.has(cameraPathName(camera.id));
      if (isReady) {
        this.fresh.delete(camera.id);
        this.waitingSince.delete(camera.id);
      } else if (!this.waitingSince.has(camera.id)) {
        this.waitingSince.set(camera.id, now);
      }
      const next = deriveStatus({
        current: camera.status,
        ready: isReady,
        failure: this.reconciler.failureOf(camera.id),
        freshConfig: this.fresh.has(camera.id),
        connectingForMs: now - (this.waitingSince.get(camera.id) ?? now),
      });
      if (next.status !== camera.status) await this.change(camera.id, camera.status, next);
    }
  }

  private async change(cameraId: number, previous: CameraStatus, next: DerivedStatus) {
    const since = await this.cameras.updateStatus(cameraId, previous, next.status, next.reason);
    // Null: an API write (disable, delete) got there first; the next poll sees the new state.
    if (!since) return;
    this.logger.log(`camera ${cameraId}: ${previous} -> ${next.status} (${next.reason})`);
    this.events.statusChanged({
      version: 1,
      cameraId,
      path: cameraPathName(cameraId),
      status: next.status,
      previous,
      since: since.toISOString(),
      reason: next.reason,
    });
  }

  private forgetAllBut(enabled: Set<number>): void {
    for (const id of this.fresh) if (!enabled.has(id)) this.fresh.delete(id);
    for (const id of this.waitingSince.keys()) if (!enabled.has(id)) this.waitingSince.delete(id);
  }
}
