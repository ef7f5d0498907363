import { IsString, IsUrl, MinLength } from 'class-validator';

export class MediaMtxConfig {
  /** MediaMTX control API (v3). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  MEDIAMTX_API_URL = 'http://127.0.0.1:9997';

  /**
   * Sent as `Authorization: Bearer`: MediaMTX asks the camera-registry to authorise every control API
   * call (authMethod: http), which grants the `api` action to the internal service token.
   */
  @IsString()
  @MinLength(32)
  INTERNAL_SERVICE_TOKEN!: string;
}
