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

  /**
   * The session id (null for the control API, metrics and playback): not used for the decision, but
   * recorded with the credential so that the session ends when the credential is revoked.
   */
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
