import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, Max, Min } from 'class-validator';

/** How much of the machine password hashing may take (each scrypt is ~32 MiB and ~0.1 s of a core). */
export class PasswordHashConfig {
  /** Hashes computed at once. One keeps a core for the API on a small server; raise it with cores. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 1;

  /** Hashes that may wait their turn; beyond, a login is answered 503 with Retry-After at once. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(10000)
  PASSWORD_HASH_MAX_WAITING = 100;

  /** Niceness of the threads that hash (0 = as the API, 19 = only when the CPU is otherwise idle). */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(19)
  PASSWORD_HASH_NICE = 10;
}
