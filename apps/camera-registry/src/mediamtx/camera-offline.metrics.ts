import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { CameraRepository } from '../cameras/camera.repository';
import { PathStatusConfig } from './path-status.config';

export const CAMERA_OFFLINE_SINCE_METRIC = 'gtv_camera_offline_since_timestamp_seconds';
export const CAMERA_OFFLINE_ALERT_AFTER_METRIC = 'gtv_camera_offline_alert_after_seconds';

/**
 * What Prometheus' CameraOffline rule needs: since when each enabled camera has been offline, read
 * from the registry at scrape time (one indexed query per scrape, so no series outlives its camera),
 * and the configured threshold, so the rule stays the same file whatever an operator sets.
 */
@Injectable()
export class CameraOfflineMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly config: PathStatusConfig,
  ) {}

  onModuleInit(): void {
    const cameras = this.cameras;
    new Gauge({
      name: CAMERA_OFFLINE_SINCE_METRIC,
      help: 'Unix time since which an enabled camera has been offline; absent while it is not.',
      labelNames: ['camera_id', 'camera'],
      async collect() {
        this.reset();
        for (const camera of await cameras.listOffline())
          this.set({ camera_id: String(camera.id), camera: camera.name }, camera.since);
      },
    });
    new Gauge({
      name: CAMERA_OFFLINE_ALERT_AFTER_METRIC,
      help: 'Seconds a camera may stay offline before CameraOffline fires (CAMERA_OFFLINE_ALERT_AFTER_S).',
    }).set(this.config.CAMERA_OFFLINE_ALERT_AFTER_S);
  }

  onModuleDestroy(): void {
    register.removeSingleMetric(CAMERA_OFFLINE_SINCE_METRIC);
    register.removeSingleMetric(CAMERA_OFFLINE_ALERT_AFTER_METRIC);
  }
}
