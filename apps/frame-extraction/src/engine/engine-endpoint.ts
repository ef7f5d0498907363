import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleType,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { LPR_ENGINE_RECOGNIZE_PATH, type RecognizeResponse } from '@gt-vision/shared-types';
import { EngineFaultError, EngineRejectedError } from './engine.errors';

export interface EndpointPolicyOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  breakerFailures: number;
  halfOpenMs: number;
}

export interface EndpointHooks {
  /** Each attempt's duration, so retries show in the latency histogram too. */
  attempt(seconds: number, outcome: 'ok' | 'fault' | 'rejected'): void;
  breakerState(state: CircuitState, reason: string | undefined): void;
}

/**
 * The resilience policy of one engine endpoint, inside out: a timeout per attempt that aborts the
 * request (a fault), retries with exponential backoff and decorrelated jitter (cockatiel's default generator),
 * and a consecutive-failures circuit breaker around the whole, so one frame that exhausted its retries
 * counts once. Only faults (5xx, 429, network, timeout) are retried or trip the breaker; a frame the
 * engine refuses is not the engine's fault.
 */
export function endpointPolicy(options: EndpointPolicyOptions): {
  policy: IPolicy;
  breaker: CircuitBreakerPolicy;
} {
  const faults = handleType(EngineFaultError);
  const breaker = circuitBreaker(faults, {
    halfOpenAfter: options.halfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  const retries = retry(faults, {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      initialDelay: options.backoffMs,
      maxDelay: options.backoffMs * 16,
    }),
  });
  // Cooperative: the abort signal ends the fetch at once, and the attempt reports it as a fault.
  const perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Cooperative);
  return { policy: wrap(breaker, retries, perAttempt), breaker };
}

/** One engine URL with its own breaker. */
export class EngineEndpoint {
  private readonly policy: IPolicy;
  readonly breaker: CircuitBreakerPolicy;
  lastFailure: string | undefined;

  constructor(
    readonly url: string,
    private readonly token: string,
    options: EndpointPolicyOptions,
    private readonly hooks: EndpointHooks,
  ) {
    const { policy, breaker } = endpointPolicy(options);
    this.policy = policy;
    this.breaker = breaker;
    breaker.onStateChange((state) => hooks.breakerState(state, this.lastFailure));
    hooks.breakerState(breaker.state, undefined);
  }

  get state(): CircuitState {
    return this.breaker.state;
  }

  recognize(jpeg: Buffer<ArrayBuffer>): Promise<RecognizeResponse> {
    return this.policy.execute(({ signal }) => this.attempt(jpeg, signal));
  }

  private async attempt(
    jpeg: Buffer<ArrayBuffer>,
    signal: AbortSignal,
  ): Promise<RecognizeResponse> {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    let response: Response;
    try {
      response = await fetch(new URL(LPR_ENGINE_RECOGNIZE_PATH, this.url), {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${this.token}` },
        body: jpeg,
        signal,
      });
    } catch (error) {
      this.hooks.attempt(elapsed(), 'fault');
      throw this.fault(signal.aborted ? 'timed out' : (error as Error).message);
    }
    if (response.status === 429 || response.status >= 500) {
      this.hooks.attempt(elapsed(), 'fault');
      await response.body?.cancel();
      throw this.fault(`answered ${response.status}`);
    }
    if (!response.ok) {
      this.hooks.attempt(elapsed(), 'rejected');
      throw new EngineRejectedError(this.url, response.status, await response.text());
    }
    const body = (await response.json()) as RecognizeResponse;
    this.hooks.attempt(elapsed(), 'ok');
    return body;
  }

  private fault(message: string): EngineFaultError {
    this.lastFailure = message;
    return new EngineFaultError(this.url, message);
  }
}
