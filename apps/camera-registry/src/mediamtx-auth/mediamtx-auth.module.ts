import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { MediaMtxModule } from '@gt-vision/backend-mediamtx';
import { CamerasModule } from '../cameras/cameras.module';
import { EnabledCamerasCache } from './enabled-cameras.cache';
import { InternalNetworks } from './internal-networks';
import { InternalNetworksConfig } from './internal-networks.config';
import { MediaMtxAuthController } from './mediamtx-auth.controller';
import { MediaMtxAuthService } from './mediamtx-auth.service';
import { VideoSessionAudit } from './video-session.audit';
import { VideoSessionStore } from './video-session.store';
import { VideoSessionSweeper } from './video-session.sweeper';

/**
 * MediaMTX's external authorisation (authMethod: http): who may watch and administer video (nobody publishes),
 * and the sweeper that ends video sessions whose credential was revoked. Needs the global Redis module.
 */
@Module({
  imports: [ConfigModule.forFeature(InternalNetworksConfig), MediaMtxModule, CamerasModule],
  controllers: [MediaMtxAuthController],
  providers: [
    MediaMtxAuthService,
    EnabledCamerasCache,
    InternalNetworks,
    VideoSessionStore,
    VideoSessionSweeper,
    VideoSessionAudit,
  ],
})
export class MediaMtxAuthModule {}
