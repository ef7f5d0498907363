import { JaegerClient, TraceStoreUnavailableError } from './jaeger.client';

const URL_ = 'http://127.0.0.1:16686';
const ID = 'a'.repeat(32);

describe('JaegerClient', () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  const client = (config: { JAEGER_QUERY_URL?: string } = { JAEGER_QUERY_URL: URL_ }) =>
    new JaegerClient(config);
  const answer = (status: number, body: unknown) =>
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(body), { status }));

  afterEach(() => fetchMock.mockReset());
  afterAll(() => fetchMock.mockRestore());

  it("asks Jaeger's query API in its own terms (µs, a duration, tags as JSON)", async () => {
    answer(200, { data: [{ traceID: ID, spans: [], processes: {} }] });
    const found = await client().search({
      service: 'ingest',
      start: 1_000_000,
      end: 2_000_000,
      limit: 20,
      minDurationMs: 250,
      tags: { 'gtv.request_id': 'edge-1' },
    });
    expect(found).toHaveLength(1);
    const url = new URL(String(fetchMock.mock.calls[0][0]));
    expect(url.pathname).toBe('/api/traces');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: 'ingest',
      start: '1000000',
      end: '2000000',
      limit: '20',
      minDuration: '250ms',
      tags: '{"gtv.request_id":"edge-1"}',
    });
  });

  it('reads a trace the store does not hold (404) as none', async () => {
    answer(404, { data: null, errors: [{ code: 404, msg: 'trace not found' }] });
    await expect(client().trace(ID)).resolves.toBeNull();
  });

  it.each([
    ['refused connection', () => fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'))],
    ['a 500', () => answer(500, { errors: [{ msg: 'storage' }] })],
  ])('says the store is unavailable on a %s', async (_, fail) => {
    fail();
    await expect(client().trace(ID)).rejects.toBeInstanceOf(TraceStoreUnavailableError);
  });

  it('is unavailable, without calling anything, where no store is configured', async () => {
    await expect(client({}).trace(ID)).rejects.toBeInstanceOf(TraceStoreUnavailableError);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
