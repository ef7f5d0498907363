import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { JaegerClient } from './jaeger.client';
import { TracesConfig } from './traces.config';
import { TracesController } from './traces.controller';
import { TracesService } from './traces.service';

@Module({
  imports: [ConfigModule.forFeature(TracesConfig)],
  controllers: [TracesController],
  providers: [JaegerClient, TracesService],
})
export class TracesModule {}
