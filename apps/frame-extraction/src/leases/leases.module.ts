import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { CamerasModule } from '../cameras/cameras.module';
import { LeaseConfig } from '../config/frame-extraction.config';
import { LeaseService } from './lease.service';

@Module({
  imports: [ConfigModule.forFeature(LeaseConfig), CamerasModule],
  providers: [LeaseService],
  exports: [LeaseService],
})
export class LeasesModule {}
