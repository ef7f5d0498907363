import type { Gauge, Histogram } from 'prom-client';
import { EngineConfig } from '../config/frame-extraction.config';
import { EngineClient } from './engine.client';

function client(urls: string[]): EngineClient {
  const config = Object.assign(new EngineConfig(), {
    LPR_ENGINE_URLS: urls,
    INTERNAL_SERVICE_TOKEN: 'internal',
  });
  const gauge = { set: jest.fn() } as unknown as Gauge;
  const histogram = { observe: jest.fn() } as unknown as Histogram;
  return new EngineClient(config, histogram, gauge);
}

describe('EngineClient readiness', () => {
  it('is ready while some breaker is closed', async () => {
    const engines = client(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
    const isolated = engines.endpoints[0].breaker.isolate();
    await expect(engines.probe()).resolves.toEqual({
      breakers: { 'http://127.0.0.1:1': 'Isolated', 'http://127.0.0.1:2': 'Closed' },
    });
    isolated.dispose();
  });

  it('reports each breaker state in the gauge as documented: 0 closed, 1 half-open, 2 open, 3 isolated', () => {
    const gauge = { set: jest.fn() };
    const config = Object.assign(new EngineConfig(), {
      LPR_ENGINE_URLS: ['http://127.0.0.1:1'],
      INTERNAL_SERVICE_TOKEN: 'internal',
    });
    const engines = new EngineClient(
      config,
      { observe: jest.fn() } as unknown as Histogram,
      gauge as unknown as Gauge,
    );
    engines.endpoints[0].breaker.isolate();
    expect(gauge.set.mock.calls).toEqual([
      [{ endpoint: 'http://127.0.0.1:1' }, 0],
      [{ endpoint: 'http://127.0.0.1:1' }, 3],
    ]);
  });

  it('is not ready, and names each breaker, when none is closed', async () => {
    const engines = client(['http://127.0.0.1:1']);
    const isolated = engines.endpoints[0].breaker.isolate();
    await expect(engines.probe()).rejects.toThrow(
      'circuit breaker open (http://127.0.0.1:1: Isolated, failing)',
    );
    isolated.dispose();
    await expect(engines.probe()).resolves.toBeDefined();
  });
});
