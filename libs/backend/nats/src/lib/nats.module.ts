import { DynamicModule, Module } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { ConfigModule } from '@gt-vision/backend-config';
import { NATS_CLIENT, NatsConnectionManager } from './nats.client';
import { NatsConfig, natsInboxPrefix } from './nats.config';

/** A NATS client for requests and events, named after the service so `connz` shows who is who. */
@Module({})
export class NatsModule {
  static forRoot(service: string): DynamicModule {
    const natsConfig = ConfigModule.forFeature(NatsConfig);
    return {
      module: NatsModule,
      global: true,
      imports: [
        ClientsModule.registerAsync([
          {
            name: NATS_CLIENT,
            imports: [natsConfig],
            inject: [NatsConfig],
            useFactory: (config: NatsConfig) => ({
              transport: Transport.NATS,
              options: {
                servers: config.NATS_SERVERS,
                user: config.NATS_USER,
                pass: config.NATS_PASSWORD,
                inboxPrefix: natsInboxPrefix(config),
                name: service,
                waitOnFirstConnect: true,
                maxReconnectAttempts: -1,
                reconnectTimeWait: 1000,
              },
            }),
          },
        ]),
        natsConfig,
      ],
      providers: [NatsConnectionManager],
      // The config too, for NatsApiKeyVerifier (request timeout).
      exports: [ClientsModule, NatsConnectionManager, natsConfig],
    };
  }
}
