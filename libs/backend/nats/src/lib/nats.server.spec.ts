import type { INestApplication } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { IsInt, Min } from 'class-validator';
import { JSONCodec, type Msg } from 'nats';
import { NatsConfig } from './nats.config';
import { connectNatsServer, natsValidationPipe, RequestReplyNatsServer } from './nats.server';

const codec = JSONCodec();

function message(data: Uint8Array, reply?: string) {
  const respond = jest.fn().mockReturnValue(true);
  return { msg: { subject: 'camera.get', data, reply, respond } as unknown as Msg, respond };
}

function serverWith(handler: jest.Mock, isEventHandler = false) {
  const server = new RequestReplyNatsServer({});
  server.addHandler('camera.get', handler, isEventHandler);
  return server;
}

describe('RequestReplyNatsServer', () => {
  it('answers a Nest request with the handler result, matched by id', async () => {
    const handler = jest.fn().mockResolvedValue({ camera: null });
    const { msg, respond } = message(
      codec.encode({ pattern: 'camera.get', data: { id: 1 }, id: 'r1' }),
      '_INBOX.1',
    );
    await serverWith(handler).handleMessage('camera.get', msg);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handler).toHaveBeenCalledWith({ id: 1 }, expect.anything());
    expect(codec.decode(respond.mock.calls[0][0])).toEqual({
      id: 'r1',
      response: { camera: null },
      isDisposed: true,
    });
  });

  it('answers a payload that is not JSON with a 400, without running the handler', async () => {
    const handler = jest.fn();
    const { msg, respond } = message(new TextEncoder().encode('{nope'), '_INBOX.1');
    await expect(serverWith(handler).handleMessage('camera.get', msg)).resolves.toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    expect(codec.decode(respond.mock.calls[0][0])).toMatchObject({
      err: { statusCode: 400, message: 'payload is not JSON' },
      isDisposed: true,
    });
  });

  it('ignores a publish without a reply subject on a request subject', async () => {
    const handler = jest.fn();
    const { msg } = message(codec.encode({ id: 1 }));
    await serverWith(handler).handleMessage('camera.get', msg);
    expect(handler).not.toHaveBeenCalled();
  });

  it('still delivers plain publishes to event handlers', async () => {
    const handler = jest.fn().mockResolvedValue(undefined);
    const { msg } = message(codec.encode({ pattern: 'camera.get', data: { id: 1 } }));
    await serverWith(handler, true).handleMessage('camera.get', msg);
    expect(handler).toHaveBeenCalledWith({ id: 1 }, expect.anything());
  });
});

describe('connectNatsServer', () => {
  it('returns before NATS is reachable, so HTTP can start, in a queue group per service', () => {
    const config = Object.assign(new NatsConfig(), {
      NATS_SERVERS: ['nats://nats:4222'],
      NATS_USER: 'camera-registry',
      NATS_PASSWORD: 'p'.repeat(32),
    });
    const app = {
      get: jest.fn().mockReturnValue(config),
      connectMicroservice: jest.fn(),
      startAllMicroservices: jest.fn().mockReturnValue(new Promise(() => undefined)),
    };
    expect(
      connectNatsServer(app as unknown as INestApplication, 'camera-registry'),
    ).toBeUndefined();
    const { strategy } = app.connectMicroservice.mock.calls[0][0];
    expect(strategy).toBeInstanceOf(RequestReplyNatsServer);
    expect(strategy.options).toMatchObject({
      servers: ['nats://nats:4222'],
      user: 'camera-registry',
      pass: 'p'.repeat(32),
      queue: 'camera-registry',
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
    });
    expect(app.startAllMicroservices).toHaveBeenCalled();
  });
});

class Request {
  @IsInt()
  @Min(1)
  id!: number;
}

describe('natsValidationPipe', () => {
  const pipe = natsValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Request });

  it('passes a valid payload', async () => {
    await expect(validate({ id: 3 })).resolves.toEqual({ id: 3 });
  });

  it.each([[{ id: 'x' }], [{ id: 1, extra: true }], [undefined], [{}]])(
    'refuses %j with a 400 in the error reply shape',
    async (payload) => {
      const error = await validate(payload).catch((e) => e);
      expect(error).toBeInstanceOf(RpcException);
      expect(error.getError()).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        details: expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
      });
    },
  );
});
