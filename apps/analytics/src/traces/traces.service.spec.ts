import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { TraceIdParamDto, TraceSearchQueryDto, TRACE_SERVICES } from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  TraceStoreUnavailableError,
  type JaegerClient,
  type JaegerSearch,
  type JaegerTrace,
} from './jaeger.client';
import { TracesService } from './traces.service';

const now = Date.parse('2026-12-02T08:00:00Z');

function traceOf(id: string, startMs: number, service: string): JaegerTrace {
  return {
    traceID: id,
    processes: { p1: { serviceName: service } },
    spans: [
      {
        traceID: id,
        spanID: `${id}-root`,
        operationName: 'POST',
        startTime: startMs * 1000,
        duration: 2000,
        processID: 'p1',
      },
    ],
  };
}

function setup(answers: Record<string, JaegerTrace[]> = {}, fail = false) {
  const search = jest.fn(async (query: JaegerSearch) => {
    if (fail) throw new TraceStoreUnavailableError('connect ECONNREFUSED');
    return answers[query.service] ?? [];
  });
  const trace = jest.fn(async (id: string) => {
    if (fail) throw new TraceStoreUnavailableError('connect ECONNREFUSED');
    return id === 'a'.repeat(32) ? traceOf(id, now, 'ingest') : null;
  });
  const service = new TracesService({ search, trace } as unknown as JaegerClient);
  return { service, search, trace };
}

const query = (plain: Record<string, unknown>) => plainToInstance(TraceSearchQueryDto, plain);

describe('TracesService.search', () => {
  it('asks the store for one service over the lookback, with the request id and minimum duration', async () => {
    const { service, search } = setup();
    await service.search(
      query({ service: 'ingest', requestId: 'edge-1', minDurationMs: '250', lookback: '15m' }),
      now,
    );
    expect(search).toHaveBeenCalledWith({
      service: 'ingest',
      start: (now - 15 * 60_000) * 1000,
      end: now * 1000,
      limit: 20,
      minDurationMs: 250,
      tags: { 'gtv.request_id': 'edge-1' },
    });
  });

  it('without a service, asks every service and keeps each trace once, newest first, up to the limit', async () => {
    const shared = traceOf('b'.repeat(32), now - 1000, 'ingest');
    const { service, search } = setup({
      ingest: [shared, traceOf('c'.repeat(32), now - 5000, 'ingest')],
      analytics: [shared, traceOf('d'.repeat(32), now - 100, 'analytics')],
    });
    const answer = await service.search(query({ limit: '2' }), now);
    expect(search).toHaveBeenCalledTimes(TRACE_SERVICES.length);
    expect(answer.items.map((t) => t.traceId)).toEqual(['d'.repeat(32), 'b'.repeat(32)]);
  });

  it('says the trace store does not answer (503)', async () => {
    const { service } = setup({}, true);
    await expect(service.search(query({}), now)).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });
});

describe('TracesService.trace', () => {
  it('maps the trace, 404 when the store does not hold it, 503 when it does not answer', async () => {
    expect((await setup().service.trace('a'.repeat(32))).spans).toHaveLength(1);
    await expect(setup().service.trace('e'.repeat(32))).rejects.toBeInstanceOf(NotFoundException);
    await expect(setup({}, true).service.trace('a'.repeat(32))).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });
});

describe('trace queries (validated before anything reaches the store)', () => {
  const problems = (cls: new () => object, plain: Record<string, unknown>) =>
    validateSync(plainToInstance(cls, plain) as object).map((e) => e.property);

  it('accepts the fixed shapes and defaults', () => {
    expect(problems(TraceSearchQueryDto, {})).toEqual([]);
    expect(query({}).lookback).toBe('1h');
    expect(
      problems(TraceSearchQueryDto, {
        service: 'analytics',
        requestId: 'ab:1-2.c_d',
        minDurationMs: '1',
        limit: '100',
        lookback: '24h',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ service: 'jaeger' }, 'service'],
    [{ requestId: 'a b' }, 'requestId'],
    [{ requestId: 'x'.repeat(129) }, 'requestId'],
    [{ minDurationMs: '0' }, 'minDurationMs'],
    [{ minDurationMs: '1.5' }, 'minDurationMs'],
    [{ limit: '101' }, 'limit'],
    [{ lookback: '7d' }, 'lookback'],
  ])('refuses %j', (plain, field) => {
    expect(problems(TraceSearchQueryDto, plain)).toEqual([field]);
  });

  it('takes trace ids of 16 or 32 lowercase hex digits only', () => {
    expect(problems(TraceIdParamDto, { traceId: 'a'.repeat(32) })).toEqual([]);
    expect(problems(TraceIdParamDto, { traceId: 'a'.repeat(16) })).toEqual([]);
    expect(problems(TraceIdParamDto, { traceId: 'A'.repeat(32) })).toEqual(['traceId']);
    expect(problems(TraceIdParamDto, { traceId: '../services' })).toEqual(['traceId']);
  });
});
