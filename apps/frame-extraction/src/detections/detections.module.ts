import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { DetectionConfig } from '../config/frame-extraction.config';
import { SnapshotPruner } from '../snapshots/snapshot.pruner';
import { SnapshotWriter } from '../snapshots/snapshot.writer';
import { DetectionPublisher } from './detection.publisher';

@Module({
  imports: [ConfigModule.forFeature(DetectionConfig)],
  providers: [DetectionPublisher, SnapshotWriter, SnapshotPruner],
  exports: [DetectionPublisher, SnapshotWriter, ConfigModule],
})
export class DetectionsModule {}
