import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { CamerasModule } from '../cameras/cameras.module';
import { DetectionConfig, EngineConfig } from '../config/frame-extraction.config';
import { DetectionsModule } from '../detections/detections.module';
import { EngineModule } from '../engine/engine.module';
import { LeasesModule } from '../leases/leases.module';
import { ReadersModule } from '../readers/readers.module';
import { PipelineService } from './pipeline.service';

@Module({
  imports: [
    ConfigModule.forFeature(EngineConfig, DetectionConfig),
    CamerasModule,
    LeasesModule,
    ReadersModule,
    EngineModule,
    DetectionsModule,
  ],
  providers: [PipelineService],
})
export class PipelineModule {}
