import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { MediaMtxAuthRequest } from './mediamtx-auth.rules';

export const MEDIAMTX_ACTIONS = ['publish', 'read', 'playback', 'api', 'metrics', 'pprof'] as const;

/** The body MediaMTX v1.20 posts to authHTTPAddress (internal/auth/manager.go). */
export class MediaMtxAuthRequestDto implements MediaMtxAuthRequest {
  @IsString()
  @MaxLength(64)
  ip = '';

  @IsString()
  @MaxLength(256)
  user = '';

  @IsString()
  @MaxLength(4096)
  password = '';

  @IsString()
  @MaxLength(4096)
  token = '';

  @IsIn(MEDIAMTX_ACTIONS)
  action!: string;

  @IsString()
  @MaxLength(256)
  path = '';

  @IsString()
  @MaxLength(32)
  protocol = '';

  /** The session id (null for the control API and metrics); not used for the decision. */
  @IsOptional()
  @IsString()
  id?: string | null;

  @IsString()
  @MaxLength(8192)
  query = '';

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  userAgent?: string;
}
