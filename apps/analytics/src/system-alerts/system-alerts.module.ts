import { Module } from '@nestjs/common';
import { AlertmanagerReceiverController, SystemAlertsController } from './system-alerts.controller';
import { SystemAlertsRepository } from './system-alerts.repository';
import { SystemAlertsService } from './system-alerts.service';

/** Alertmanager's receiver and the admins' list of system alerts. Needs the global NatsModule. */
@Module({
  controllers: [SystemAlertsController, AlertmanagerReceiverController],
  providers: [SystemAlertsRepository, SystemAlertsService],
})
export class SystemAlertsModule {}
