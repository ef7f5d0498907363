import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { AuthModule } from '@gt-vision/backend-auth';
import { ServiceNames } from '@gt-vision/shared-types';
import { RecognizeModule } from '../recognize/recognize.module';
import { ModelsReadiness } from '../recognize/models.readiness';

const SERVICE = ServiceNames.lprEngine;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    // Only GT-Vision's own services (frame extraction) call the engine: the internal service token.
    AuthModule.forInternalCallers(),
    RecognizeModule,
    HealthModule.forRoot([ModelsReadiness]),
  ],
})
export class AppModule {}
