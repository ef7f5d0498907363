import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { EngineConfig } from '../config/frame-extraction.config';
import { EngineClient } from './engine.client';

@Module({
  imports: [ConfigModule.forFeature(EngineConfig)],
  providers: [EngineClient],
  exports: [EngineClient, ConfigModule],
})
export class EngineModule {}
