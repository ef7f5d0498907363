import {
  HttpException,
  Injectable,
  NestMiddleware,
  PayloadTooLargeException,
  BadRequestException,
} from '@nestjs/common';
import type { AuthenticatedRequest } from '@gt-vision/backend-auth';
import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { LprEngineConfig } from './lpr-engine.config';

/**
 * Reads an `image/jpeg` body into a Buffer, bounded by LPR_MAX_FRAME_BYTES. body-parser's errors
 * become the one error shape (413 naming the limit) instead of Express's HTML page. A caller already
 * refused by authentication is not read at all: the guard answers 401 next.
 */
@Injectable()
export class JpegBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof raw>;

  constructor(private readonly config: LprEngineConfig) {
    this.parse = raw({ type: 'image/jpeg', limit: config.LPR_MAX_FRAME_BYTES });
  }

  async use(req: Request & AuthenticatedRequest, res: Response, next: NextFunction) {
    if (req.authFailure) return next();
    await new Promise<void>((resolve, reject) =>
      this.parse(req, res, (error?: unknown) => (error ? reject(this.toHttp(error)) : resolve())),
    );
    next();
  }

  private toHttp(error: unknown): HttpException {
    const type = (error as { type?: string }).type;
    const detail = (problem: string) => ({
      message: problem,
      details: [{ field: 'body', problem }],
    });
    if (type === 'entity.too.large') {
      return new PayloadTooLargeException(
        detail(`must be at most ${this.config.LPR_MAX_FRAME_BYTES} bytes`),
      );
    }
    return new BadRequestException(
      detail(error instanceof Error ? error.message : 'unreadable body'),
    );
  }
}
