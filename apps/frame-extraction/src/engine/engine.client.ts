import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { CircuitState } from 'cockatiel';
import type { Gauge, Histogram } from 'prom-client';
import type { RecognizeResponse } from '@gt-vision/shared-types';
import { ReadinessCheck } from '@gt-vision/backend-health';
import { EngineConfig } from '../config/frame-extraction.config';
import { ENGINE_BREAKER_STATE, ENGINE_LATENCY } from '../metrics/frame.metrics';
import { EngineEndpoint } from './engine-endpoint';

/**
 * gtv_lpr_engine_breaker_state's values, as its help text documents them (cockatiel numbers its states
 * differently: Open 1, HalfOpen 2), so dashboards and the alert read 2 as open.
 */
export const BREAKER_GAUGE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 3,
};

/**
 * Sends frames to the LPR engine endpoints in turn, skipping those whose breaker is open. Its
 * readiness fails while no breaker is closed, naming the last failure: the service then cannot
 * produce detections, and says why.
 */
@Injectable()
export class EngineClient extends ReadinessCheck {
  readonly name = 'lpr-engine';
  private readonly logger = new Logger('LprEngine');
  readonly endpoints: EngineEndpoint[];
  private next = 0;

  constructor(
    config: EngineConfig,
    @InjectMetric(ENGINE_LATENCY) latency: Histogram,
    @InjectMetric(ENGINE_BREAKER_STATE) breakerState: Gauge,
  ) {
    super();
    const token = config.LPR_ENGINE_TOKEN ?? config.INTERNAL_SERVICE_TOKEN;
    const options = {
      timeoutMs: config.LPR_ENGINE_TIMEOUT_MS,
      retries: config.LPR_ENGINE_RETRIES,
      backoffMs: config.LPR_ENGINE_BACKOFF_MS,
      breakerFailures: config.LPR_ENGINE_BREAKER_FAILURES,
      halfOpenMs: config.LPR_ENGINE_BREAKER_HALF_OPEN_MS,
    };
    this.endpoints = config.LPR_ENGINE_URLS.map(
      (url) =>
        new EngineEndpoint(url, token, options, {
          attempt: (seconds, outcome) => latency.observe({ endpoint: url, outcome }, seconds),
          breakerState: (state, reason) => {
            breakerState.set({ endpoint: url }, BREAKER_GAUGE[state]);
            if (state === CircuitState.Open) {
              this.logger.warn(`circuit breaker for ${url} opened: ${reason ?? 'failures'}`);
            } else if (state === CircuitState.Closed && reason !== undefined) {
              this.logger.log(`circuit breaker for ${url} closed again`);
            }
          },
        }),
    );
  }

  /** Rejects with cockatiel's BrokenCircuitError when every endpoint's breaker is open. */
  recognize(jpeg: Buffer<ArrayBuffer>): Promise<RecognizeResponse> {
    return this.pick().recognize(jpeg);
  }

  /**
   * Ready only while some endpoint's breaker is closed. Open refuses frames; half-open is a trial frame
   * that has not succeeded yet (it runs through its retries, so with the engine away the breaker spends
   * seconds half-open between opens): neither produces detections, so neither is ready.
   */
  async probe() {
    if (!this.endpoints.some((endpoint) => endpoint.state === CircuitState.Closed)) {
      const reasons = this.endpoints.map(
        (e) => `${e.url}: ${CircuitState[e.state]}, ${e.lastFailure ?? 'failing'}`,
      );
      throw new Error(`circuit breaker open (${reasons.join('; ')})`);
    }
    return {
      breakers: Object.fromEntries(this.endpoints.map((e) => [e.url, CircuitState[e.state]])),
    };
  }

  /**
   * Round robin over endpoints whose breaker is not open. When all are open the turn still goes
   * round: cockatiel refuses at once until `halfOpenAfter`, then lets that call through as the trial.
   */
  private pick(): EngineEndpoint {
    const count = this.endpoints.length;
    const start = this.next;
    this.next = (this.next + 1) % count;
    for (let i = 0; i < count; i++) {
      const endpoint = this.endpoints[(start + i) % count];
      if (endpoint.state !== CircuitState.Open) return endpoint;
    }
    return this.endpoints[start];
  }
}
