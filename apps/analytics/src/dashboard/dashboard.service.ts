import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  DASHBOARD_TOP_PLATES,
  DASHBOARD_WINDOW_HOURS,
  type DashboardResponseDto,
  type HourCount,
} from '@gt-vision/shared-types';
import { CameraAccess, type Principal } from '@gt-vision/backend-auth';
import { Database } from '@gt-vision/backend-database';
import { ALERT_COUNTS_SOURCE, type AlertCountsSource } from './alert-counts.source';
import { CameraDirectory } from './camera-directory';
import { DashboardCache } from './dashboard.cache';
import { DashboardRepository } from './dashboard.repository';

const HOUR_MS = 3600_000;

/** Every hour from `since` (an hour start) to now, zero where nothing was detected. */
export function fillHours(since: Date, counts: HourCount[]): HourCount[] {
  const byHour = new Map(counts.map((c) => [c.hour, c.count]));
  return Array.from({ length: DASHBOARD_WINDOW_HOURS }, (_, i) => {
    const hour = new Date(since.getTime() + i * HOUR_MS).toISOString();
    return { hour, count: byHour.get(hour) ?? 0 };
  });
}

@Injectable()
export class DashboardService {
  private readonly logger = new Logger(DashboardService.name);

  constructor(
    private readonly db: Database,
    private readonly repository: DashboardRepository,
    private readonly cameras: CameraDirectory,
    private readonly cache: DashboardCache,
    private readonly access: CameraAccess,
    @Optional() @Inject(ALERT_COUNTS_SOURCE) private readonly alerts?: AlertCountsSource,
  ) {}

  /**
   * The caller's dashboard as JSON text, from the cache when it is fresh: one entry for everyone who
   * sees every camera, one per set of granted cameras for the others.
   */
  dashboardJson(caller: Principal): Promise<string> {
    const scope = this.access.scopeOf(caller);
    if (scope.all) return this.cache.get(() => this.compute(new Date()));
    const cameraIds = [...scope.ids];
    return this.cache.get(() => this.compute(new Date(), cameraIds), scope.key);
  }

  /** Every camera's figures, or only those of `cameraIds`. */
  async compute(now: Date, cameraIds?: number[]): Promise<DashboardResponseDto> {
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const since = new Date(currentHour - (DASHBOARD_WINDOW_HOURS - 1) * HOUR_MS);
    const [perHour, perCamera, topPlates, cameras, alerts] = await Promise.all([
      this.repository.perHour(this.db, since, cameraIds),
      this.repository.perCamera(this.db, since, cameraIds),
      cameraIds
        ? this.repository.topPlatesOf(this.db, since, DASHBOARD_TOP_PLATES, cameraIds)
        : this.repository.topPlates(this.db, since, DASHBOARD_TOP_PLATES),
      this.cameras.statusCounts(cameraIds).catch((error: Error) => {
        this.logger.warn(`camera counts unavailable: ${error.message}`);
        return null;
      }),
      this.alerts ? this.alerts.countSince(since, cameraIds) : Promise.resolve(null),
    ]);
    return {
      generatedAt: now.toISOString(),
      windowHours: DASHBOARD_WINDOW_HOURS,
      detectionsPerHour: fillHours(since, perHour),
      detectionsPerCamera: perCamera,
      topPlates,
      cameras,
      alerts,
    };
  }
}
