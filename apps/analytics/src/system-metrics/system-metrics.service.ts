import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { SystemMetricRange, SystemMetricsResponseDto } from '@gt-vision/shared-types';
import { PrometheusClient } from './prometheus.client';
import { SYSTEM_CHARTS } from './system-charts';

const RANGE_SECONDS: Record<SystemMetricRange, number> = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
};
/** Points per series: enough for a chart as wide as a screen, few enough to answer fast. */
const POINTS = 120;
/** Several admins on the system page share one set of queries per window. */
export const CACHE_MS = 15_000;

/** The system page's key charts from Prometheus, for admins on the single node (no Grafana there). */
@Injectable()
export class SystemMetricsService {
  private readonly logger = new Logger(SystemMetricsService.name);
  private readonly cache = new Map<
    SystemMetricRange,
    { at: number; answer: Promise<SystemMetricsResponseDto> }
  >();

  constructor(private readonly prometheus: PrometheusClient) {}

  charts(range: SystemMetricRange, now = Date.now()): Promise<SystemMetricsResponseDto> {
    const cached = this.cache.get(range);
    if (cached && now - cached.at < CACHE_MS) return cached.answer;
    const answer = this.query(range, now);
    this.cache.set(range, { at: now, answer });
    // A failure is not cached: the next request asks Prometheus again.
    answer.catch(() => this.cache.delete(range));
    return answer;
  }

  private async query(range: SystemMetricRange, now: number): Promise<SystemMetricsResponseDto> {
    const end = Math.floor(now / 1000);
    const step = RANGE_SECONDS[range] / POINTS;
    const window = { start: end - RANGE_SECONDS[range], end, step };
    try {
      const charts = await Promise.all(
        SYSTEM_CHARTS.map(async (chart) => ({
          id: chart.id,
          unit: chart.unit,
          series: await this.prometheus.queryRange(chart.expr, window, chart.legend),
        })),
      );
      return { range, stepSeconds: step, generatedAt: new Date(now).toISOString(), charts };
    } catch (error) {
      this.logger.warn(`system charts unavailable: ${(error as Error).message}`);
      throw new ServiceUnavailableException('the metrics store (Prometheus) does not answer');
    }
  }
}
