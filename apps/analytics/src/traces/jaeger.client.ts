import { Injectable } from '@nestjs/common';
import { TracesConfig } from './traces.config';

const TIMEOUT_MS = 5000;

/** Jaeger's query API answer (`/api/traces`, `/api/traces/{id}`): the fields the product reads. */
export interface JaegerTag {
  key: string;
  type?: string;
  value: unknown;
}
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: { refType: string; traceID: string; spanID: string }[];
  /** Microseconds since the epoch. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags?: JaegerTag[];
  processID: string;
}
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

export interface JaegerSearch {
  service: string;
  /** Span attributes every matching trace has on one of its spans. */
  tags?: Record<string, string>;
  minDurationMs?: number;
  /** Microseconds since the epoch. */
  start: number;
  end: number;
  limit: number;
}

/** The trace store does not answer, or is not configured: a 503 for the caller. */
export class TraceStoreUnavailableError extends Error {}

/** Jaeger's HTTP query API (served by Jaeger v2's `jaeger_query` extension), read-only. */
@Injectable()
export class JaegerClient {
  constructor(private readonly config: TracesConfig) {}

  async search(query: JaegerSearch): Promise<JaegerTrace[]> {
    const params = new URLSearchParams({
      service: query.service,
      start: String(query.start),
      end: String(query.end),
      limit: String(query.limit),
    });
    if (query.tags) params.set('tags', JSON.stringify(query.tags));
    if (query.minDurationMs) params.set('minDuration', `${query.minDurationMs}ms`);
    const answer = await this.get(`/api/traces?${params}`);
    // A service that sent no span yet is unknown to the store: no trace, not an error.
    return answer.status === 200 ? answer.data : [];
  }

  /** The trace, or null when the store does not hold it (never sent, or evicted). */
  async trace(traceId: string): Promise<JaegerTrace | null> {
    const answer = await this.get(`/api/traces/${traceId}`);
    return answer.status === 200 ? (answer.data[0] ?? null) : null;
  }

  private async get(path: string): Promise<{ status: number; data: JaegerTrace[] }> {
    const base = this.config.JAEGER_QUERY_URL;
    if (!base)
      throw new TraceStoreUnavailableError('no trace store is configured (JAEGER_QUERY_URL)');
    let res: Response;
    try {
      res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new TraceStoreUnavailableError(`Jaeger does not answer: ${(error as Error).message}`);
    }
    if (res.status === 404) return { status: 404, data: [] };
    if (res.status !== 200) {
      throw new TraceStoreUnavailableError(`Jaeger answered ${res.status}: ${await res.text()}`);
    }
    const body = (await res.json()) as { data?: JaegerTrace[] | null };
    return { status: 200, data: body.data ?? [] };
  }
}
