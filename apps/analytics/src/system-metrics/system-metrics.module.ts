import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { PrometheusClient } from './prometheus.client';
import { SystemMetricsConfig } from './system-metrics.config';
import { SystemMetricsController } from './system-metrics.controller';
import { SystemMetricsService } from './system-metrics.service';

@Module({
  imports: [ConfigModule.forFeature(SystemMetricsConfig)],
  controllers: [SystemMetricsController],
  providers: [PrometheusClient, SystemMetricsService],
})
export class SystemMetricsModule {}
