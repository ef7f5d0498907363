import { ApiProperty } from '@nestjs/swagger';
import type { LiveTokenResponseDto } from '@gt-vision/shared-types';

/** Schema of `POST /api/analytics/live-token`; the contract is `LiveTokenResponseDto` in shared-types. */
export class LiveTokenResponse implements LiveTokenResponseDto {
  /** For `/ws/live/?token=`: usable once, within `expiresInSeconds`. */
  token!: string;
  @ApiProperty({ type: 'integer' })
  expiresInSeconds!: number;
}
