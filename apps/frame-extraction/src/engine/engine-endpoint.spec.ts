import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrokenCircuitError, CircuitState } from 'cockatiel';
import { EngineEndpoint } from './engine-endpoint';
import { EngineFaultError, EngineRejectedError } from './engine.errors';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for the engine, answering as each test says. */
async function engineServer(handler: {
  current: Handler;
}): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => handler.current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const OK_BODY = JSON.stringify({ plates: [], width: 640, height: 360, elapsedMs: 5 });

describe('EngineEndpoint', () => {
  const handler: { current: Handler } = { current: () => undefined };
  let server: Server;
  let url: string;
  let requests: number;
  let outcomes: string[];
  let states: CircuitState[];

  beforeAll(async () => ({ server, url } = await engineServer(handler)));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests = 0;
    outcomes = [];
    states = [];
  });

  const endpoint = (
    overrides: Partial<{
      timeoutMs: number;
      retries: number;
      breakerFailures: number;
      halfOpenMs: number;
    }> = {},
  ) =>
    new EngineEndpoint(
      url,
      'secret-token-of-the-engine',
      {
        timeoutMs: 3000,
        retries: 2,
        backoffMs: 10,
        breakerFailures: 2,
        halfOpenMs: 300,
        ...overrides,
      },
      { attempt: (_s, outcome) => outcomes.push(outcome), breakerState: (s) => states.push(s) },
    );

  const answer =
    (status: number, body = OK_BODY): Handler =>
    (req, res) => {
      requests++;
      expect(req.headers.authorization).toBe('Bearer secret-token-of-the-engine');
      expect(req.headers['content-type']).toBe('image/jpeg');
      req.resume();
      req.on('end', () => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
    };

  it('posts the JPEG and returns the engine answer', async () => {
    handler.current = answer(200);
    await expect(endpoint().recognize(Buffer.from([0xff, 0xd8]))).resolves.toMatchObject({
      plates: [],
    });
    expect(outcomes).toEqual(['ok']);
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    handler.current = (req, res) => (++calls < 3 ? answer(503)(req, res) : answer(200)(req, res));
    await expect(endpoint().recognize(Buffer.alloc(1))).resolves.toBeDefined();
    expect(outcomes).toEqual(['fault', 'fault', 'ok']);
  });

  it('does not retry a refused frame (4xx), nor count it against the breaker', async () => {
    handler.current = answer(400, '{"message":"not a JPEG"}');
    const e = endpoint({ breakerFailures: 1 });
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(EngineRejectedError);
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(EngineRejectedError);
    expect(requests).toBe(2);
    expect(e.state).toBe(CircuitState.Closed);
  });

  it('times out a slow engine and opens the breaker after consecutive failed frames', async () => {
    handler.current = () => undefined;
    const e = endpoint({ retries: 1, timeoutMs: 300 });
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(EngineFaultError);
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(EngineFaultError);
    expect(e.state).toBe(CircuitState.Open);
    expect(e.lastFailure).toBe('timed out');
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(BrokenCircuitError);
  });

  it('lets a trial through after the half-open delay and closes again when the engine is back', async () => {
    handler.current = answer(500);
    const e = endpoint({ retries: 0 });
    await expect(e.recognize(Buffer.alloc(1))).rejects.toThrow();
    await expect(e.recognize(Buffer.alloc(1))).rejects.toThrow();
    expect(e.state).toBe(CircuitState.Open);
    handler.current = answer(200);
    await expect(e.recognize(Buffer.alloc(1))).rejects.toBeInstanceOf(BrokenCircuitError);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(e.recognize(Buffer.alloc(1))).resolves.toBeDefined();
    expect(e.state).toBe(CircuitState.Closed);
    expect(states).toEqual([
      CircuitState.Closed,
      CircuitState.Open,
      CircuitState.HalfOpen,
      CircuitState.Closed,
    ]);
  });
});
