import { ApiProperty } from '@nestjs/swagger';
import {
  API_KEY_ROLES,
  type ApiKeyResponseDto,
  type ApiKeyRole,
  type CreatedApiKeyResponseDto,
} from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

/** Schema of `ApiKeyResponseDto` (shared-types stays free of @nestjs/swagger for the console). */
export class ApiKeyResponse implements ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  name!: string;
  /** The 8 characters after `gtv_` in the key, enough to recognise it. */
  prefix!: string;
  @ApiProperty({ enum: API_KEY_ROLES })
  role!: ApiKeyRole;
  /** The admin who created it. */
  @ApiProperty({ format: 'uuid' })
  createdBy!: string | null;
  @ApiTimestamp()
  createdAt!: string;
  @ApiTimestamp()
  lastUsedAt!: string | null;
  @ApiTimestamp()
  revokedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse implements CreatedApiKeyResponseDto {
  /** `gtv_<prefix>_<secret>`, shown this once: only its hash is stored. */
  key!: string;
}
