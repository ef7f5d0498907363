import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { LPR_ENGINE_RECOGNIZE_PATH } from '@gt-vision/shared-types';
import { JpegBodyMiddleware } from './jpeg-body.middleware';
import { LprEngineConfig } from './lpr-engine.config';
import { ModelsReadiness } from './models.readiness';
import { RecognizeController } from './recognize.controller';
import { recognizeMetrics } from './recognize.metrics';
import { RecognizePool, recognizeWorkerFile } from './recognize.pool';
import { RecognizeService } from './recognize.service';

@Module({
  imports: [ConfigModule.forFeature(LprEngineConfig)],
  controllers: [RecognizeController],
  providers: [
    RecognizeService,
    RecognizePool,
    recognizeWorkerFile,
    ModelsReadiness,
    JpegBodyMiddleware,
    ...recognizeMetrics,
  ],
  exports: [RecognizeService, ModelsReadiness],
})
export class RecognizeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JpegBodyMiddleware).forRoutes(LPR_ENGINE_RECOGNIZE_PATH);
  }
}
