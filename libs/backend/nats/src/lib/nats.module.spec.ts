import { Test } from '@nestjs/testing';
import { NATS_CLIENT } from './nats.client';
import { NatsConfig } from './nats.config';
import { NatsModule } from './nats.module';

describe('NatsModule', () => {
  it('connects as the configured user, reading replies under its own inbox prefix', async () => {
    const config = Object.assign(new NatsConfig(), {
      NATS_SERVERS: ['nats://nats:4222'],
      NATS_USER: 'ingest',
      NATS_PASSWORD: 'p'.repeat(32),
    });
    const moduleRef = await Test.createTestingModule({ imports: [NatsModule.forRoot('ingest')] })
      .overrideProvider(NatsConfig)
      .useValue(config)
      .compile();
    const client = moduleRef.get<{ options: object }>(NATS_CLIENT);
    expect(client.options).toMatchObject({
      servers: ['nats://nats:4222'],
      user: 'ingest',
      pass: 'p'.repeat(32),
      inboxPrefix: '_INBOX.ingest',
      name: 'ingest',
    });
  });
});
