import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { CameraStatus } from '@gt-vision/shared-types';
import type { Counter } from 'prom-client';
import { CameraEvents } from '../cameras/camera-events';
import { CameraRepository } from '../cameras/camera.repository';
import { MediaMtxPaths, type PathStateView } from './mediamtx-paths';
import { STATUS_POLL_ERRORS_METRIC } from './mediamtx-sync.metrics';
import { cameraPathName } from './path-config';
import { PathReconciler } from './path-reconciler';
import { deriveStatus, type DerivedStatus } from './path-status';
import { PathStatusConfig } from './path-status.config';
import { Poller } from '@gt-vision/backend-poller';

/**
 * 1 s polling: a change is stored and published at most ~1 s (+ one API round trip) after MediaMTX
 * sees it, well inside the 5 s the issue asks for. MediaMTX itself notices a dead RTSP source only
 * after its read timeout (readTimeout, 10 s in mediamtx.yml); a source that stops sending is caught
 * sooner here, by its path's inbound byte count no longer growing (CAMERA_STALL_TIMEOUT_MS).
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
  /** Each ready camera's inbound byte count and when it last grew. */
  private readonly traffic = new Map<number, { bytes: number; at: number }>();

  constructor(
    private readonly config: PathStatusConfig,
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
    let live: Map<string, PathStateView>;
    try {
      const states = await this.paths.listStates();
      live = new Map(states.filter((state) => state.ready).map((state) => [state.name, state]));
    } catch (error) {
      // MediaMTX down says nothing about the cameras: mark none offline; readiness reports it.
      this.errors.inc();
      throw error;
    }
    const cameras = await this.cameras.listEnabledStatuses();
    this.forgetAllBut(new Set(cameras.map((camera) => camera.id)));
    const now = Date.now();
    for (const camera of cameras) {
      const state = live.get(cameraPathName(camera.id));
      if (state) {
        this.fresh.delete(camera.id);
        this.waitingSince.delete(camera.id);
      } else {
        // Not ready: when it is ready again, that sighting counts as bytes moving (see stalled()).
        this.traffic.set(camera.id, { bytes: -1, at: now });
        if (!this.waitingSince.has(camera.id)) this.waitingSince.set(camera.id, now);
      }
      const stalled =
        state === undefined ? false : this.stalled(camera.id, state.inboundBytes, now);
      // A ready path this process has never seen (it just started): one poll cannot tell a silent
      // source from a flowing one, so a camera stored offline (perhaps stalled) stays so until the
      // next poll shows whether bytes move, instead of flapping online and back.
      if (stalled === undefined && camera.status === 'offline') continue;
      const next = deriveStatus({
        current: camera.status,
        ready: state !== undefined,
        stalled: stalled === true,
        failure: this.reconciler.failureOf(camera.id),
        freshConfig: this.fresh.has(camera.id),
        connectingForMs: now - (this.waitingSince.get(camera.id) ?? now),
      });
      if (next.status !== camera.status) await this.change(camera.id, camera.status, next);
    }
  }

  /**
   * Whether the byte count has not grown for the stall timeout; undefined for a path this process
   * sees for the first time. A path ready again after being unready counts as flowing: a real stall
   * shows after the timeout anyway.
   */
  private stalled(cameraId: number, bytes: number, now: number): boolean | undefined {
    const last = this.traffic.get(cameraId);
    // Any change counts, a drop included: the count restarts from 0 when the source reconnects.
    if (!last || last.bytes !== bytes) {
      this.traffic.set(cameraId, { bytes, at: now });
      return last ? false : undefined;
    }
    return now - last.at >= this.config.CAMERA_STALL_TIMEOUT_MS;
  }

  private async change(cameraId: number, previous: CameraStatus, next: DerivedStatus) {
    const since = await this.events.record(
      (tx) => this.cameras.updateStatus(cameraId, previous, next.status, next.reason, tx),
      (since) =>
        since &&
        this.events.statusChanged({
          version: 1,
          cameraId,
          path: cameraPathName(cameraId),
          status: next.status,
          previous,
          since: since.toISOString(),
          reason: next.reason,
        }),
    );
    // Null: an API write (disable, delete) got there first; the next poll sees the new state.
    if (since)
      this.logger.log(`camera ${cameraId}: ${previous} -> ${next.status} (${next.reason})`);
  }

  private forgetAllBut(enabled: Set<number>): void {
    for (const id of this.fresh) if (!enabled.has(id)) this.fresh.delete(id);
    for (const id of this.waitingSince.keys()) if (!enabled.has(id)) this.waitingSince.delete(id);
    for (const id of this.traffic.keys()) if (!enabled.has(id)) this.traffic.delete(id);
  }
}
