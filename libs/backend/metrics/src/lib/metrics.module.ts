import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import {
  EXPECTED_HTTP_ANSWERS,
  ExpectedHttpSeries,
  httpDurationProvider,
  HttpMetricsMiddleware,
  type ExpectedHttpAnswer,
} from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** `/metrics` in Prometheus format: process and event-loop metrics, HTTP latency, and what services add. */
@Module({})
export class MetricsModule implements NestModule {
  /** `expected`: answers whose latency dashboards chart from the first request on (see ExpectedHttpSeries). */
  static forRoot(service: string, expected: readonly ExpectedHttpAnswer[] = []): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          defaultMetrics: { enabled: true },
          defaultLabels: { service },
        }),
      ],
      providers: [
        httpDurationProvider,
        HttpMetricsMiddleware,
        { provide: EXPECTED_HTTP_ANSWERS, useValue: expected },
        ExpectedHttpSeries,
      ],
      exports: [PrometheusModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
