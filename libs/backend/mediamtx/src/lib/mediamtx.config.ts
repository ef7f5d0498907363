import { IsUrl } from 'class-validator';

export class MediaMtxConfig {
  /** MediaMTX control API (v3). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  MEDIAMTX_API_URL = 'http://127.0.0.1:9997';
}
