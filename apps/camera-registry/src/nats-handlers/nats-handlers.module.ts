import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { CamerasModule } from '../cameras/cameras.module';
import { ApiKeyHandler } from './api-key.handler';
import { CameraHandler } from './camera.handler';

/** The registry's NATS request/reply edge; served once main.ts connects the NATS server. */
@Module({
  imports: [CamerasModule, ApiKeysModule],
  controllers: [CameraHandler, ApiKeyHandler],
})
export class NatsHandlersModule {}
