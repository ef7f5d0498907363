import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { LeaseConfig } from '../config/frame-extraction.config';
import { CameraSetService } from './camera-set.service';
import { NatsConnectionSource } from './nats-connection';

@Module({
  imports: [ConfigModule.forFeature(LeaseConfig)],
  providers: [NatsConnectionSource, CameraSetService],
  exports: [NatsConnectionSource, CameraSetService],
})
export class CamerasModule {}
