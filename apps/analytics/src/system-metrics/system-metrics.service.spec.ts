import { ServiceUnavailableException } from '@nestjs/common';
import type { PrometheusClient } from './prometheus.client';
import { SYSTEM_CHARTS } from './system-charts';
import { CACHE_MS, SystemMetricsService } from './system-metrics.service';

function setup(fail = false) {
  const queryRange = jest.fn(
    async (expr: string, window: { start: number; end: number; step: number }) => {
      if (fail) throw new Error('connect ECONNREFUSED');
      return [{ label: '', points: [[window.end, expr.length] as [number, number]] }];
    },
  );
  const service = new SystemMetricsService({ queryRange } as unknown as PrometheusClient);
  return { service, queryRange };
}

describe('SystemMetricsService', () => {
  const now = Date.parse('2026-12-02T08:00:00Z');

  it('runs every fixed query over the window, 120 points each', async () => {
    const { service, queryRange } = setup();
    const answer = await service.charts('6h', now);
    expect(answer.charts.map((c) => c.id)).toEqual(SYSTEM_CHARTS.map((c) => c.id));
    expect(answer.stepSeconds).toBe(180);
    const end = now / 1000;
    expect(queryRange).toHaveBeenCalledWith(
      SYSTEM_CHARTS[0].expr,
      { start: end - 6 * 3600, end, step: 180 },
      undefined,
    );
  });

  it('answers admins on the same page from one set of queries for a while', async () => {
    const { service, queryRange } = setup();
    await service.charts('1h', now);
    await service.charts('1h', now + CACHE_MS - 1);
    expect(queryRange).toHaveBeenCalledTimes(SYSTEM_CHARTS.length);
    await service.charts('1h', now + CACHE_MS);
    expect(queryRange).toHaveBeenCalledTimes(2 * SYSTEM_CHARTS.length);
  });

  it('says the metrics store does not answer (503), and asks again next time', async () => {
    const { service, queryRange } = setup(true);
    await expect(service.charts('1h', now)).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(service.charts('1h', now + 1)).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(queryRange.mock.calls.length).toBe(2 * SYSTEM_CHARTS.length);
  });
});
