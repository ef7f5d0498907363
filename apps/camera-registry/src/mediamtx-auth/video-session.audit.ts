import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@gt-vision/backend-audit';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';
import { VIDEO_SESSION_TTL_SECONDS } from './video-session.store';
import type { MediaMtxAuthRequest } from './mediamtx-auth.rules';

/**
 * One audit record per user × camera viewing session, from MediaMTX's authorisation calls: a player
 * may cause one call per playlist or segment request, so a record is written only when none was for
 * this user and camera within a session's lifetime (a marker in Redis, shared by the replicas).
 */
@Injectable()
export class VideoSessionAudit {
  constructor(
    private readonly log: AuditLog,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async opened(
    user: { id: string; username: string },
    cameraId: number,
    req: MediaMtxAuthRequest,
  ): Promise<void> {
    const marker = `gtv:audit:video:${user.id}:${cameraId}`;
    const first = await this.redis.set(marker, '1', 'EX', VIDEO_SESSION_TTL_SECONDS, 'NX');
    if (first !== 'OK') return;
    try {
      await this.log.append({
        action: 'video.session-opened',
        actor: { kind: 'user', id: user.id, name: user.username },
        target: `camera:${cameraId}`,
        details: { protocol: req.protocol, action: req.action, path: req.path },
        sourceIp: req.ip || null,
        requestId: req.id ?? null,
      });
    } catch (error) {
      // Not recorded, so not marked: the next call tries again (and the session is refused meanwhile).
      await this.redis.del(marker);
      throw error;
    }
  }
}
