import { Injectable } from '@nestjs/common';
import type { SystemChartSeriesDto } from '@gt-vision/shared-types';
import { SystemMetricsConfig } from './system-metrics.config';

const TIMEOUT_MS = 5000;

interface RangeAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { result: { metric: Record<string, string>; values: [number, string][] }[] };
}

/** Prometheus' range queries, as series of numbers (NaN and infinities dropped). */
@Injectable()
export class PrometheusClient {
  constructor(private readonly config: SystemMetricsConfig) {}

  async queryRange(
    expr: string,
    range: { start: number; end: number; step: number },
    legend?: string,
  ): Promise<SystemChartSeriesDto[]> {
    const url = new URL('/api/v1/query_range', this.config.PROMETHEUS_URL);
    url.search = new URLSearchParams({
      query: expr,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
    }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const answer = (await res.json()) as RangeAnswer;
    if (answer.status !== 'success' || !answer.data) {
      throw new Error(`Prometheus refused a fixed query (${res.status}): ${answer.error ?? ''}`);
    }
    return answer.data.result.map((series) => ({
      label: legend ? (series.metric[legend] ?? '') : '',
      points: series.values
        .map(([t, v]) => [t, Number(v)] as [number, number])
        .filter(([, v]) => Number.isFinite(v)),
    }));
  }
}
