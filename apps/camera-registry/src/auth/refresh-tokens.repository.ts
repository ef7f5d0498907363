import { Injectable } from '@nestjs/common';
import type { UserRole } from '@gt-vision/shared-types';
import { Database } from '@gt-vision/backend-database';

/** A refresh token with what a refresh needs to know about its user. */
export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  session_started_at: Date;
  /** Set when the token was rotated: its successor, sealed (successor-seal.ts). */
  successor_sealed: Buffer | null;
  username: string;
  role: UserRole;
  disabled: boolean;
}

export interface NewRefreshToken {
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  sessionStartedAt: Date;
}

/** A session as `GET /api/auth/me` describes it. */
export interface SessionRow {
  started_at: Date;
  last_refreshed_at: Date;
}

/** Rows deleted by one pruning batch, by why they could go. */
export interface PrunedRows {
  expired: number;
  revoked: number;
}

const INSERT = `INSERT INTO camera_registry.refresh_tokens
    (family_id, user_id, token_hash, expires_at, session_started_at)
  VALUES ($1, $2, $3, $4, $5)`;
const insertParams = (t: NewRefreshToken) => [
  t.familyId,
  t.userId,
  t.tokenHash,
  t.expiresAt,
  t.sessionStartedAt,
];
const familiesOf = (rows: { family_id: string }[]) => [...new Set(rows.map((r) => r.family_id))];

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: Database) {}

  async findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows = await this.db.query<RefreshTokenRow>(
      `SELECT t.id, t.family_id, t.user_id, t.expires_at, t.used_at, t.revoked_at,
              t.session_started_at, t.successor_sealed, u.username, u.role, u.disabled
       FROM camera_registry.refresh_tokens t
       JOIN camera_registry.users u ON u.id = t.user_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async insert(token: NewRefreshToken): Promise<void> {
    await this.db.execute(INSERT, insertParams(token));
  }

  /**
   * Marks `usedId` used at `usedAt` (the caller's clock, which also judges the grace window), keeps
   * its sealed successor and adds `next` to the family, atomically. False when the token was used or
   * revoked meanwhile (two refreshes racing with one token): only one of them may win.
   */
  rotate(
    usedId: string,
    usedAt: Date,
    successorSealed: Buffer,
    next: NewRefreshToken,
  ): Promise<boolean> {
    return this.db.transaction(async (runner) => {
      const count = await runner.execute(
        `UPDATE camera_registry.refresh_tokens SET used_at = $2, successor_sealed = $3
         WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [usedId, usedAt, successorSealed],
      );
      if (count !== 1) return false;
      await runner.execute(INSERT, insertParams(next));
      return true;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.execute(
      `UPDATE camera_registry.refresh_tokens SET revoked_at = now()
       WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  /** Revokes every token of the user and answers the families that were still open. */
  async revokeAllOfUser(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ family_id: string }>(
      `UPDATE camera_registry.refresh_tokens SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId],
    );
    return familiesOf(rows);
  }

  /** The session of an open family, or null once it is revoked or gone. */
  async findSession(familyId: string): Promise<SessionRow | null> {
    const rows = await this.db.query<SessionRow>(
      `SELECT min(session_started_at) AS started_at, max(created_at) AS last_refreshed_at
       FROM camera_registry.refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL
       HAVING count(*) > 0`,
      [familyId],
    );
    return rows[0] ?? null;
  }

  /**
   * Deletes up to `limit` expired tokens and up to `limit` tokens revoked before `revokedBefore`, in
   * one short transaction. Null when another replica holds the pruning lock: one pruner at a time is
   * enough. The lock is transaction-scoped because PgBouncer pools by transaction (a session lock
   * could outlive us on a pooled connection); SKIP LOCKED leaves rows a request is changing alone.
   */
  pruneBatch(now: Date, revokedBefore: Date, limit: number): Promise<PrunedRows | null> {
    return this.db.transaction(async (runner) => {
      const rows = await runner.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext('camera_registry.refresh_tokens prune')) AS locked`,
      );
      if (!rows[0]?.locked) return null;
      // A used token of a live family must stay: presenting it again is how a stolen token is
      // caught (reuse revokes the family). So an expired token goes only once its whole family is
      // spent, i.e. no token of it can still refresh.
      const expired = await runner.execute(
        `DELETE FROM camera_registry.refresh_tokens WHERE id IN (
           SELECT t.id FROM camera_registry.refresh_tokens t
            WHERE t.expires_at < $1
              AND NOT EXISTS (
                SELECT 1 FROM camera_registry.refresh_tokens live
                 WHERE live.family_id = t.family_id
                   AND live.expires_at >= $1 AND live.revoked_at IS NULL)
           LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [now, limit],
      );
      const revoked = await runner.execute(
        `DELETE FROM camera_registry.refresh_tokens WHERE id IN (
           SELECT id FROM camera_registry.refresh_tokens WHERE revoked_at < $1
           LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [revokedBefore, limit],
      );
      return { expired, revoked };
    });
  }

  async openFamiliesOf(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ family_id: string }>(
      `SELECT family_id FROM camera_registry.refresh_tokens
       WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    return familiesOf(rows);
  }
}
