import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { PartitionMaintainer } from './partition.maintainer';
import { PartitionsConfig } from './partitions.config';
import { PartitionsRepository } from './partitions.repository';

/** Daily partitions of `analytics.detections`: created ahead, dropped by retention. */
@Module({
  imports: [ConfigModule.forFeature(PartitionsConfig)],
  providers: [PartitionsRepository, PartitionMaintainer],
  exports: [PartitionMaintainer, ConfigModule],
})
export class PartitionsModule {}
