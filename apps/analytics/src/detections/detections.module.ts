import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { DetectionsConfig } from './detections.config';
import { DetectionsController } from './detections.controller';
import { DetectionsRepository } from './detections.repository';
import { DetectionsService } from './detections.service';
import { SnapshotStore } from './snapshot.store';

/** The read side: search, detail and snapshot of stored detections. */
@Module({
  imports: [ConfigModule.forFeature(DetectionsConfig)],
  controllers: [DetectionsController],
  providers: [DetectionsRepository, DetectionsService, SnapshotStore],
  exports: [DetectionsRepository],
})
export class DetectionsModule {}
