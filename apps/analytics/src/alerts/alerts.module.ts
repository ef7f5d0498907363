import { Module } from '@nestjs/common';
import { MatcherModule } from '../matcher/matcher.module';
import { OutboxModule } from '@gt-vision/backend-outbox';
import { AlertRaiser } from './alert.raiser';
import { AlertsController } from './alerts.controller';
import { alertsMetrics } from './alerts.metrics';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/** Raising alerts from consumed detections (a batch hook), and `/api/alerts`. */
@Module({
  imports: [MatcherModule, OutboxModule.forRoot({ schema: 'analytics' })],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, AlertRaiser, ...alertsMetrics],
})
export class AlertsModule {}
