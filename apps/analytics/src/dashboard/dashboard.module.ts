import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CameraDirectory } from './camera-directory';
import { DashboardCache } from './dashboard.cache';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/**
 * `GET /api/analytics/dashboard`. Needs the global database, Redis and NATS modules; alert counts
 * come from the alerts module.
 */
@Module({
  imports: [AlertsModule],
  controllers: [DashboardController],
  providers: [DashboardRepository, CameraDirectory, DashboardCache, DashboardService],
})
export class DashboardModule {}
