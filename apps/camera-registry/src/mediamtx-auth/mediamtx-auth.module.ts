import { Module } from '@nestjs/common';
import { CamerasModule } from '../cameras/cameras.module';
import { EnabledCamerasCache } from './enabled-cameras.cache';
import { MediaMtxAuthController } from './mediamtx-auth.controller';
import { MediaMtxAuthService } from './mediamtx-auth.service';

/** MediaMTX's external authorisation (authMethod: http): who may watch, publish and administer video. */
@Module({
  imports: [CamerasModule],
  controllers: [MediaMtxAuthController],
  providers: [MediaMtxAuthService, EnabledCamerasCache],
})
export class MediaMtxAuthModule {}
