import { Inject, Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import { InjectMetric, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

export const HTTP_DURATION_METRIC = 'http_server_request_duration_seconds';

export const httpDurationProvider = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'Duration of HTTP requests served, by route template (not raw URL, to bound cardinality).',
  labelNames: ['method', 'route', 'status_code'],
  // Dense below 100 ms, where the API targets (p95 25 ms, p99 60 ms) live.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** An answer a service expects to give (e.g. `POST /api/ingest/lpr` → 202): its series exist from boot. */
export interface ExpectedHttpAnswer {
  method: string;
  /** The route template, as the middleware labels it. */
  route: string;
  status: number;
}

export const EXPECTED_HTTP_ANSWERS = Symbol('EXPECTED_HTTP_ANSWERS');

/**
 * Publishes the expected answers' latency series at zero when the service starts. A series born with
 * its first request has no earlier sample for `rate()` to compare with: the first burst after a start
 * (and the only one, on a quiet system) would draw nothing in a latency quantile, which divides rates.
 */
@Injectable()
export class ExpectedHttpSeries implements OnModuleInit {
  constructor(
    @InjectMetric(HTTP_DURATION_METRIC) private readonly duration: Histogram<string>,
    @Inject(EXPECTED_HTTP_ANSWERS) private readonly answers: readonly ExpectedHttpAnswer[],
  ) {}

  onModuleInit(): void {
    for (const { method, route, status } of this.answers) {
      this.duration.zero({ method, route, status_code: String(status) });
    }
  }
}

/** Observes every request, including 401s and 404s that never reach a handler. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@InjectMetric(HTTP_DURATION_METRIC) private readonly duration: Histogram<string>) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.duration.startTimer();
    res.once('finish', () => {
      // Unmatched requests carry the route of the catch-all middleware itself (a `*` pattern).
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        method: req.method,
        route: route && !route.includes('*') ? `${req.baseUrl}${route}` : 'unmatched',
        status_code: String(res.statusCode),
      });
    });
    next();
  }
}
