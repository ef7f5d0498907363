import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { Kafka } from 'kafkajs';
import { nestLogCreator } from './kafka-logger';
import { KafkaConfig } from './kafka.config';
import {
  KAFKA,
  KAFKA_OPTIONS,
  KafkaConnectionManager,
  KafkaModuleOptions,
} from './kafka.connection';

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: [ConfigModule.forFeature(KafkaConfig)],
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA,
          inject: [KafkaConfig],
          useFactory: (config: KafkaConfig) =>
            new Kafka({
              clientId: options.clientId,
              brokers: config.KAFKA_BROKERS,
              logCreator: nestLogCreator,
              retry: { retries: 5, initialRetryTime: 300 },
            }),
        },
        KafkaConnectionManager,
      ],
      exports: [KAFKA, KafkaConnectionManager],
    };
  }
}
