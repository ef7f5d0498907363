import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { Kafka } from 'kafkajs';
import { DurableProducer } from './durable-producer';
import { DurableProducerConfig } from './durable-producer.config';
import { nestLogCreator } from './kafka-logger';
import { applyKafkajsRequestQueueFix } from './kafkajs-request-queue.fix';
import { KafkaConfig } from './kafka.config';
import {
  KAFKA,
  KAFKA_OPTIONS,
  KafkaConnectionManager,
  KafkaModuleOptions,
} from './kafka.connection';

applyKafkajsRequestQueueFix();

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: [
        ConfigModule.forFeature(KafkaConfig),
        ...(options.producer ? [ConfigModule.forFeature(DurableProducerConfig)] : []),
      ],
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
        ...(options.producer ? [DurableProducer] : []),
      ],
      exports: [KAFKA, KafkaConnectionManager, ...(options.producer ? [DurableProducer] : [])],
    };
  }
}
