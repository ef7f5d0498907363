import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { EnvNumber } from './env';

/** What every service needs whatever its dependencies: where to listen and how to stop. */
export class ServiceConfig {
  @IsString()
  HTTP_HOST = '127.0.0.1';

  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT!: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';

  /** Time between readiness going down and the listener closing, so the edge stops routing first. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(30000)
  SHUTDOWN_DRAIN_DELAY_MS = 500;

  /** Upper bound on a graceful stop; past it the process exits anyway. */
  @EnvNumber()
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 10000;
}
