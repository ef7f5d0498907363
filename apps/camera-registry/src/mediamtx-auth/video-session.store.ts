import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';

/**
 * How long a session's credential is kept without being confirmed. The sweeper confirms (and so
 * extends) it every few seconds while the credential stays valid; a record outlives its session by at
 * most this long.
 */
export const VIDEO_SESSION_TTL_SECONDS = 600;

const key = (sessionId: string) => `gtv:video-session:${sessionId}`;

/**
 * The credential each MediaMTX video session was opened with, keyed by MediaMTX's session id. MediaMTX
 * asks for authorisation only when a session opens (an HLS session then rides on its cookie), so the
 * sweeper re-checks these credentials to end sessions whose user was deleted, logged out or expired.
 * In Redis, so that every registry replica sees the sessions any replica authorised.
 */
@Injectable()
export class VideoSessionStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async remember(sessionId: string, credential: string): Promise<void> {
    await this.redis.set(key(sessionId), credential, 'EX', VIDEO_SESSION_TTL_SECONDS);
  }

  /** The credential of each session, or null where none is on record. */
  async credentialsOf(sessionIds: readonly string[]): Promise<(string | null)[]> {
    if (sessionIds.length === 0) return [];
    return this.redis.mget(...sessionIds.map(key));
  }

  async confirm(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.expire(key(id), VIDEO_SESSION_TTL_SECONDS);
    await pipeline.exec();
  }

  async forget(sessionId: string): Promise<void> {
    await this.redis.del(key(sessionId));
  }
}
