import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { DetectionsConfig } from '../detections/detections.config';
import { LiveDetectionPublisher } from './live-detection.publisher';
import { LiveNatsFeed } from './live-nats.feed';
import { LiveTokenController } from './live-token.controller';
import { LiveTokenStore } from './live-token.store';
import { LiveConfig } from './live.config';
import { LiveGateway } from './live.gateway';
import { LiveHub } from './live.hub';
import { liveMetrics } from './live.metrics';

/** `/ws/live/` and `POST /api/analytics/live-token`. Needs the global Redis, NATS, auth and health modules. */
@Module({
  imports: [ConfigModule.forFeature(LiveConfig, DetectionsConfig)],
  controllers: [LiveTokenController],
  providers: [
    LiveHub,
    LiveGateway,
    LiveTokenStore,
    LiveNatsFeed,
    LiveDetectionPublisher,
    ...liveMetrics,
  ],
})
export class LiveModule {}
