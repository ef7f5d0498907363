import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class RedisConfig {
  @IsString()
  REDIS_HOST = '127.0.0.1';

  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  @IsString()
  @IsNotEmpty()
  REDIS_PASSWORD!: string;
}
