import { ApiProperty } from '@nestjs/swagger';
import type { AuditRecordDto } from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

class AuditActorResponse {
  @ApiProperty({ enum: ['user', 'api-key', 'service', 'anonymous'] })
  kind!: AuditRecordDto['actor']['kind'];
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
  /** Username or key name; for a failed login, the username that was tried. */
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
}

/** Schema of `AuditRecordDto`. */
export class AuditRecordResponse implements AuditRecordDto {
  id!: string;
  @ApiTimestamp()
  at!: string;
  actor!: AuditActorResponse;
  action!: string;
  @ApiProperty({ type: String, nullable: true })
  target!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true })
  sourceIp!: string | null;
  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;
  /** The caller's X-Audit-Reason, where one was given or required. */
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  /** SHA-256 of the record before (64 zeros for the first). */
  prevHash!: string;
  /** SHA-256 over this record's fields and `prevHash`. */
  hash!: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditRecordResponse] })
  items!: AuditRecordResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class AuditVerificationResponse {
  intact!: boolean;
  /** Records checked before the first broken one (all of them when intact). */
  @ApiProperty({ type: 'integer' })
  checked!: number;
  @ApiProperty({ type: String, nullable: true, required: false })
  lastId?: string | null;
  /** Id of the first record whose hash or link does not hold. */
  @ApiProperty({ required: false })
  brokenAt?: string;
  @ApiProperty({ enum: ['hash', 'link'], required: false })
  problem?: 'hash' | 'link';
  @ApiProperty({ required: false })
  detail?: string;
}
