import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { MediaMtxClient } from './mediamtx.client';
import { MediaMtxConfig } from './mediamtx.config';

@Module({
  imports: [ConfigModule.forFeature(MediaMtxConfig)],
  providers: [MediaMtxClient],
  exports: [MediaMtxClient],
})
export class MediaMtxModule {}
