import type { ClientNats } from '@nestjs/microservices';
import { NatsConnectionManager } from './nats.client';

function managerWith(connection?: object) {
  const client = {
    connect: jest.fn().mockResolvedValue(undefined),
    close: jest.fn().mockResolvedValue(undefined),
    unwrap: () => {
      if (!connection) throw new Error('Not initialized');
      return connection;
    },
  };
  return { manager: new NatsConnectionManager(client as unknown as ClientNats), client };
}

describe('NatsConnectionManager', () => {
  it('is not ready, with a clear reason, before the first connection', async () => {
    await expect(managerWith().manager.probe()).rejects.toThrow('not connected to NATS');
  });

  it('is ready with the server and round-trip time once connected', async () => {
    const { manager } = managerWith({ rtt: async () => 0.4, getServer: () => '127.0.0.1:4222' });
    await expect(manager.probe()).resolves.toEqual({ server: '127.0.0.1:4222', rttMs: 0.4 });
  });

  it('drains an open connection on shutdown, then closes the client', async () => {
    const drain = jest.fn().mockResolvedValue(undefined);
    const { manager, client } = managerWith({ isClosed: () => false, drain });
    await manager.onApplicationShutdown();
    expect(drain).toHaveBeenCalled();
    expect(client.close).toHaveBeenCalled();
  });

  it('shuts down cleanly when it never connected', async () => {
    const { manager, client } = managerWith();
    await expect(manager.onApplicationShutdown()).resolves.toBeUndefined();
    expect(client.close).toHaveBeenCalled();
  });
});
