import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  DASHBOARD_TOP_PLATES,
  DASHBOARD_WINDOW_HOURS,
  type DashboardResponseDto,
  type HourCount,
} from '@gt-vision/shared-types';
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
    @Optional() @Inject(ALERT_COUNTS_SOURCE) private readonly alerts?: AlertCountsSource,
  ) {}

  /** The dashboard as JSON text, from the cache when it is fresh. */
  dashboardJson(): Promise<string> {
    return this.cache.get(() => this.compute(new Date()));
  }

  async compute(now: Date): Promise<DashboardResponseDto> {
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const since = new Date(currentHour - (DASHBOARD_WINDOW_HOURS - 1) * HOUR_MS);
    const [perHour, perCamera, topPlates, cameras, alerts] = await Promise.all([
      this.repository.perHour(this.db, since),
      this.repository.perCamera(this.db, since),
      this.repository.topPlates(this.db, since, DASHBOARD_TOP_PLATES),
      this.cameras.statusCounts().catch((error: Error) => {
        this.logger.warn(`camera counts unavailable: ${error.message}`);
        return null;
      }),
      this.alerts ? this.alerts.countSince(since) : Promise.resolve(null),
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
