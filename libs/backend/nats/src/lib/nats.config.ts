import { ArrayNotEmpty, IsInt, IsString, Max, Min } from 'class-validator';
import { EnvList, EnvNumber } from '@gt-vision/backend-config';

export class NatsConfig {
  @EnvList()
  @ArrayNotEmpty()
  @IsString({ each: true })
  NATS_SERVERS: string[] = ['nats://127.0.0.1:4222'];

  /** How long a request with an `X-Api-Key` waits for the registry's verdict before a 503. */
  @EnvNumber()
  @IsInt()
  @Min(50)
  @Max(30_000)
  NATS_API_KEY_TIMEOUT_MS = 2000;
}
