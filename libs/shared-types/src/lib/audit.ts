import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TimeRangeQueryDto } from './pagination';
import { DecimalInteger } from './dto-decorators';

/** Query of `GET /api/audit` (admins): newest first, filtered, a page at a time. */
export class AuditQueryDto extends TimeRangeQueryDto {
  /** e.g. `auth.login`, `auth.login-failed`, `plate.search`, `video.session-opened`. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, { message: '$property must be an action name' })
  action?: string;

  /** The acting user's or API key's id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  /** e.g. `camera:3`, `user:<id>`, `watchlist:<id>`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: '$property is not a cursor from this API' })
  cursor?: string;

  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export interface AuditRecordDto {
  id: string;
  at: string;
  actor: {
    kind: 'user' | 'api-key' | 'service' | 'anonymous';
    id: string | null;
    name: string | null;
  };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  sourceIp: string | null;
  requestId: string | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

/** `GET /api/audit/verify`: whether the hash chain holds, or where it first breaks. */
export type AuditVerificationDto =
  | { intact: true; checked: number; lastId: string | null }
  | { intact: false; checked: number; brokenAt: string; problem: 'hash' | 'link'; detail: string };
