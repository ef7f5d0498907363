import { ArrayNotEmpty, IsInt, IsNotEmpty, IsString, Max, Min, MinLength } from 'class-validator';
import { EnvList, EnvNumber } from '@gt-vision/backend-config';

export class NatsConfig {
  @EnvList()
  @ArrayNotEmpty()
  @IsString({ each: true })
  NATS_SERVERS: string[] = ['nats://127.0.0.1:4222'];

  /** The service's own NATS user: the server allows it only the subjects the service uses. */
  @IsString()
  @IsNotEmpty()
  NATS_USER!: string;

  @IsString()
  @MinLength(32)
  NATS_PASSWORD!: string;

  /** How long a request with an `X-Api-Key` waits for the registry's verdict before a 503. */
  @EnvNumber()
  @IsInt()
  @Min(50)
  @Max(30_000)
  NATS_API_KEY_TIMEOUT_MS = 2000;
}

/**
 * Where a service's replies arrive: under its own prefix, so that the server can let each user read
 * its own replies (`_INBOX.<user>.>`) and no one else's.
 */
export function natsInboxPrefix(config: NatsConfig): string {
  return `_INBOX.${config.NATS_USER}`;
}
