import { ApiProperty } from '@nestjs/swagger';
import type { TokenPairResponseDto } from '@gt-vision/shared-types';

/** Schema of `TokenPairResponseDto` (shared-types stays free of @nestjs/swagger for the console). */
export class TokenPairResponse implements TokenPairResponseDto {
  /** JWT for `Authorization: Bearer …`. */
  accessToken!: string;
  /** Single use: exchange it at `POST /api/auth/refresh` for a new pair. */
  refreshToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  /** Seconds until the access token expires. */
  @ApiProperty({ type: 'integer' })
  expiresIn!: number;
  /** Seconds until the refresh token expires. */
  @ApiProperty({ type: 'integer' })
  refreshExpiresIn!: number;
}
