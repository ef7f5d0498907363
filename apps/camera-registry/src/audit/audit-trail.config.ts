import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, Max, Min } from 'class-validator';

export class AuditTrailConfig {
  /** Days audit records are kept; older ones are deleted (the chain then starts at the oldest kept). */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(36500)
  AUDIT_RETENTION_DAYS = 365;
}
