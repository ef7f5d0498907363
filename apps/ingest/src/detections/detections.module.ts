import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { CameraDirectory } from '../cameras/camera-directory';
import { CameraDirectoryConfig } from '../cameras/camera-directory.config';
import { IngestRateLimitConfig } from '../rate-limit/ingest-rate-limit.config';
import { IngestRateLimiter } from '../rate-limit/ingest-rate-limiter';
import { DetectionIngestService } from './detection-ingest.service';
import { DetectionPublisher } from './detection.publisher';
import { DetectionsController } from './detections.controller';
import { IngestConfig } from './ingest.config';

@Module({
  imports: [ConfigModule.forFeature(IngestConfig, CameraDirectoryConfig, IngestRateLimitConfig)],
  controllers: [DetectionsController],
  providers: [CameraDirectory, IngestRateLimiter, DetectionPublisher, DetectionIngestService],
})
export class DetectionsModule {}
