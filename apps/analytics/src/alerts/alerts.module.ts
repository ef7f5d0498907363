import { Module } from '@nestjs/common';
import { MatcherModule } from '../matcher/matcher.module';
import { OutboxModule } from '@gt-vision/backend-outbox';
import { ALERT_COUNTS_SOURCE } from '../dashboard/alert-counts.source';
import { AlertCountsQuery } from './alert-counts';
import { AlertRaiser } from './alert.raiser';
import { AlertsController } from './alerts.controller';
import { alertsMetrics } from './alerts.metrics';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/**
 * Raising alerts from consumed detections (a batch hook), `/api/alerts`, and the dashboard's alert
 * counts (`ALERT_COUNTS_SOURCE`).
 */
@Module({
  imports: [MatcherModule, OutboxModule.forRoot({ schema: 'analytics' })],
  controllers: [AlertsController],
  providers: [
    AlertsRepository,
    AlertsService,
    AlertRaiser,
    AlertCountsQuery,
    { provide: ALERT_COUNTS_SOURCE, useExisting: AlertCountsQuery },
    ...alertsMetrics,
  ],
  exports: [ALERT_COUNTS_SOURCE],
})
export class AlertsModule {}
