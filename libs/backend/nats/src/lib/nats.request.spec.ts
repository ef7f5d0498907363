import type { ClientProxy } from '@nestjs/microservices';
import { NEVER, of, throwError } from 'rxjs';
import { natsPublish, natsRequest, NatsRequestError } from './nats.request';

function clientAnswering(answer: ReturnType<ClientProxy['send']>) {
  const send = jest.fn().mockReturnValue(answer);
  return { client: { send } as unknown as ClientProxy, send };
}

class EmptyResponseException extends Error {}

describe('natsRequest', () => {
  it('sends the payload on the subject and resolves with the reply', async () => {
    const { client, send } = clientAnswering(of({ camera: null }));
    await expect(natsRequest(client, 'camera.get', { id: 1 }, 100)).resolves.toEqual({
      camera: null,
    });
    expect(send).toHaveBeenCalledWith('camera.get', { id: 1 });
  });

  it('names the subject and the wait when nothing answers in time', async () => {
    const { client } = clientAnswering(NEVER);
    const error: unknown = await natsRequest(client, 'camera.get', { id: 1 }, 20).catch((e) => e);
    expect(error).toBeInstanceOf(NatsRequestError);
    expect(error).toMatchObject({
      subject: 'camera.get',
      reason: 'timeout',
      message: 'camera.get: no reply within 20 ms',
    });
  });

  it('says so when no service subscribes to the subject', async () => {
    const { client } = clientAnswering(throwError(() => new EmptyResponseException('empty')));
    await expect(natsRequest(client, 'camera.list', {}, 100)).rejects.toMatchObject({
      reason: 'no-responders',
      message: 'camera.list: no service answers this subject',
    });
  });

  it("keeps the responder's error reply, e.g. a 400 for a bad payload", async () => {
    const reply = { statusCode: 400, error: 'Bad Request', message: 'request validation failed' };
    const { client } = clientAnswering(throwError(() => reply));
    await expect(natsRequest(client, 'camera.get', { id: 0 }, 100)).rejects.toMatchObject({
      reason: 'error-reply',
      message: 'camera.get: request validation failed',
      reply,
    });
  });
});

describe('natsPublish', () => {
  it('emits the event on the subject', async () => {
    const emit = jest.fn().mockReturnValue(of(undefined));
    const client = { emit } as unknown as ClientProxy;
    await expect(
      natsPublish(client, 'api-key.revoked', { id: 'k1' }, 100),
    ).resolves.toBeUndefined();
    expect(emit).toHaveBeenCalledWith('api-key.revoked', { id: 'k1' });
  });

  it('rejects when NATS does not take the event in time', async () => {
    const client = { emit: () => NEVER } as unknown as ClientProxy;
    await expect(natsPublish(client, 'api-key.revoked', {}, 20)).rejects.toThrow('Timeout');
  });
});
