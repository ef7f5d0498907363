import { Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import {
  REQUEST_ID_ATTRIBUTE,
  TRACE_SERVICES,
  type TraceDetailDto,
  type TraceLookback,
  type TraceSearchQueryDto,
  type TraceSearchResponseDto,
} from '@gt-vision/shared-types';
import { JaegerClient, TraceStoreUnavailableError, type JaegerTrace } from './jaeger.client';
import { mapTraceDetail, mapTraceSummary } from './trace.mapper';

const LOOKBACK_SECONDS: Record<TraceLookback, number> = {
  '15m': 15 * 60,
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
};

/** Recent traces from the trace store, for admins: search by service, request id and duration; one trace. */
@Injectable()
export class TracesService {
  private readonly logger = new Logger(TracesService.name);

  constructor(private readonly jaeger: JaegerClient) {}

  async search(query: TraceSearchQueryDto, now = Date.now()): Promise<TraceSearchResponseDto> {
    const end = now * 1000;
    const search = {
      start: end - LOOKBACK_SECONDS[query.lookback] * 1_000_000,
      end,
      limit: query.limit,
      minDurationMs: query.minDurationMs,
      tags: query.requestId ? { [REQUEST_ID_ATTRIBUTE]: query.requestId } : undefined,
    };
    // Jaeger searches one service at a time; without one, every GT-Vision service is asked and the
    // traces they share are kept once.
    const services = query.service ? [query.service] : TRACE_SERVICES;
    const found = await this.ask(() =>
      Promise.all(services.map((service) => this.jaeger.search({ ...search, service }))),
    );
    const traces = new Map<string, JaegerTrace>();
    for (const trace of found.flat()) {
      if (trace.spans.length > 0) traces.set(trace.traceID, trace);
    }
    const items = [...traces.values()]
      .map(mapTraceSummary)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, query.limit);
    return { items };
  }

  async trace(traceId: string): Promise<TraceDetailDto> {
    const trace = await this.ask(() => this.jaeger.trace(traceId));
    if (!trace || trace.spans.length === 0) {
      throw new NotFoundException(
        `trace ${traceId} is not in the trace store (never sent, or evicted)`,
      );
    }
    return mapTraceDetail(trace);
  }

  private async ask<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof TraceStoreUnavailableError)) throw error;
      this.logger.warn(`traces unavailable: ${error.message}`);
      throw new ServiceUnavailableException('the trace store (Jaeger) does not answer');
    }
  }
}
