import { Module } from '@nestjs/common';
import { CamerasModule } from '../cameras/cameras.module';
import { CameraHandler } from './camera.handler';

/** The registry's NATS request/reply edge; served once main.ts connects the NATS server. */
@Module({
  imports: [CamerasModule],
  controllers: [CameraHandler],
})
export class NatsHandlersModule {}
