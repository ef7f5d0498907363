import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { ReaderConfig } from '../config/frame-extraction.config';
import { ReaderPool } from './reader-pool';

@Module({
  imports: [ConfigModule.forFeature(ReaderConfig)],
  providers: [ReaderPool],
  exports: [ReaderPool],
})
export class ReadersModule {}
