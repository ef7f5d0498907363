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
import { MediaMtxAuthRequestDto } from './mediamtx-auth.dto';
import { MediaMtxAuthService } from './mediamtx-auth.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * MediaMTX's authHTTPAddress. Public to the auth guard (MediaMTX sends its caller's credentials in the
 * body, not its own), but only MediaMTX on this machine may call it: HAProxy refuses /internal/ at the
 * edge, and a request from another address, or one that came through a proxy, is refused here.
 */
// Not part of the public API: only MediaMTX on this machine calls it.
@ApiExcludeController()
@Controller('internal/mediamtx')
export class MediaMtxAuthController {
  constructor(private readonly auth: MediaMtxAuthService) {}

  @Public()
  @Post('auth')
  @HttpCode(HttpStatus.OK)
  async authorise(@Req() req: Request, @Body() body: MediaMtxAuthRequestDto): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || req.headers['x-forwarded-for']) {
      throw new ForbiddenException('only MediaMTX on this host may call this route');
    }
    await this.auth.authorise(body);
  }
}
