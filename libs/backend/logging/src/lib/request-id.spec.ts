import { context, propagation, type Span } from '@opentelemetry/api';
import { RPCType, setRPCMetadata } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { activeRequestId, REQUEST_ID_BAGGAGE, requestIdOf, withRequestId } from './request-id';

function call(header?: string) {
  const headers: Record<string, string> = {};
  const req = {
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as IncomingMessage;
  const res = {
    setHeader: (k: string, v: string) => (headers[k] = v),
  } as unknown as ServerResponse;
  return { id: requestIdOf(req, res), echoed: headers['X-Request-Id'] };
}

describe('requestIdOf', () => {
  it('keeps the id given by the edge and echoes it', () => {
    expect(call('0a1b2c3d:4e5f')).toEqual({ id: '0a1b2c3d:4e5f', echoed: '0a1b2c3d:4e5f' });
  });

  it('replaces a missing id with a UUID', () => {
    const { id, echoed } = call();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed).toBe(id);
  });

  it('refuses ids that could forge log lines', () => {
    expect(call('abc\n{"level":"fatal"}').id).toMatch(/^[0-9a-f-]{36}$/);
    expect(call('x'.repeat(200)).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('withRequestId', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });

  it('puts the id in the baggage of everything the work causes, later callbacks included', async () => {
    const seen = await withRequestId('edge-id-1', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return {
        id: activeRequestId(),
        entry: propagation.getActiveBaggage()?.getEntry(REQUEST_ID_BAGGAGE)?.value,
      };
    });
    expect(seen).toEqual({ id: 'edge-id-1', entry: 'edge-id-1' });
    expect(activeRequestId()).toBeUndefined();
  });

  it("names the request's server span with the id, so the trace store finds the request", () => {
    const setAttribute = jest.fn();
    const server = { setAttribute } as unknown as Span;
    const ctx = setRPCMetadata(context.active(), { type: RPCType.HTTP, span: server });
    context.with(ctx, () => withRequestId('edge-id-2', () => undefined));
    expect(setAttribute).toHaveBeenCalledWith(REQUEST_ID_BAGGAGE, 'edge-id-2');
  });

  it('ignores a baggage id that could forge log lines (it came from a message)', () => {
    const baggage = propagation.createBaggage({ [REQUEST_ID_BAGGAGE]: { value: 'a\nb' } });
    context.with(propagation.setBaggage(context.active(), baggage), () =>
      expect(activeRequestId()).toBeUndefined(),
    );
  });
});
