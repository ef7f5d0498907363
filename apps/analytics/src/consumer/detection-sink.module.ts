import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { DetectionsModule } from '../detections/detections.module';
import { PartitionsModule } from '../partitions/partitions.module';
import { DetectionConsumerConfig } from './consumer.config';
import { consumerMetrics } from './consumer.metrics';
import { DetectionBatchHooks } from './detection-batch.hooks';
import { DetectionConsumer } from './detection.consumer';
import { DetectionSinkService } from './detection-sink.service';

/**
 * Kafka → PostgreSQL: the consumer group, the transactional sink and its hooks. Global so that any
 * module (watchlists, live) can inject `DetectionBatchHooks` and register itself.
 */
@Global()
@Module({
  imports: [ConfigModule.forFeature(DetectionConsumerConfig), DetectionsModule, PartitionsModule],
  providers: [DetectionBatchHooks, DetectionSinkService, DetectionConsumer, ...consumerMetrics],
  exports: [DetectionBatchHooks, DetectionConsumer],
})
export class DetectionSinkModule {}
