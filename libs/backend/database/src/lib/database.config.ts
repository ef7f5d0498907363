import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/** Services reach PostgreSQL through PgBouncer (transaction pooling), hence port 6432 by default. */
export class DatabaseConfig {
  @IsString()
  DATABASE_HOST = '127.0.0.1';

  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  DATABASE_PORT = 6432;

  @IsString()
  DATABASE_NAME = 'gtvision';

  @IsString()
  DATABASE_USER = 'gtvision';

  @IsString()
  @IsNotEmpty()
  DATABASE_PASSWORD!: string;

  /** Per replica; PgBouncer multiplexes these onto its own small server pool. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;
}
