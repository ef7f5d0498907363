import { ArrayNotEmpty, IsString } from 'class-validator';
import { EnvList } from '@gt-vision/backend-config';

export class NatsConfig {
  @EnvList()
  @ArrayNotEmpty()
  @IsString({ each: true })
  NATS_SERVERS: string[] = ['nats://127.0.0.1:4222'];
}
