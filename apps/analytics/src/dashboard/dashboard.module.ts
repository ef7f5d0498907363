import { Module } from '@nestjs/common';
import { CameraDirectory } from './camera-directory';
import { DashboardCache } from './dashboard.cache';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** `GET /api/analytics/dashboard`. Needs the global database, Redis and NATS modules. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardRepository, CameraDirectory, DashboardCache, DashboardService],
})
export class DashboardModule {}
