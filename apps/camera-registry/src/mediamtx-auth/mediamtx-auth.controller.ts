import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  HttpStatus,
  Post,
  Req,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@gt-vision/backend-auth';
import type { Request } from 'express';
import { InternalNetworks } from './internal-networks';
import { MediaMtxAuthRequestDto } from './mediamtx-auth.dto';
import { MediaMtxAuthService } from './mediamtx-auth.service';

/**
 * Set by a proxy (HAProxy always adds X-Forwarded-For, and the WAF passes it on), never by MediaMTX. Their
 * presence refuses a request; their value is never believed.
 */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * MediaMTX's authHTTPAddress. Public to the auth guard (MediaMTX sends its caller's credentials in the
 * body, not its own), but only MediaMTX may call it: HAProxy refuses /internal/ at the edge, and a request
 * whose socket peer is not internal (loopback, INTERNAL_TRUSTED_NETWORKS), or that came through a proxy
 * (in containers the edge's own address is internal), is refused here. The peer is the socket's, not
 * Express's req.ip, which believes one proxy hop's X-Forwarded-For.
 */
// Not part of the public API: only MediaMTX calls it.
@ApiExcludeController()
@Controller('internal/mediamtx')
export class MediaMtxAuthController {
  constructor(
    private readonly auth: MediaMtxAuthService,
    private readonly internal: InternalNetworks,
  ) {}

  @Public()
  @Post('auth')
  @HttpCode(HttpStatus.OK)
  async authorise(@Req() req: Request, @Body() body: MediaMtxAuthRequestDto): Promise<void> {
    const proxied = PROXY_HEADERS.some((name) => req.headers[name] !== undefined);
    if (proxied || !this.internal.contains(req.socket.remoteAddress ?? '')) {
      throw new ForbiddenException('only MediaMTX, from an internal address, may call this route');
    }
    await this.auth.authorise(body);
  }
}
