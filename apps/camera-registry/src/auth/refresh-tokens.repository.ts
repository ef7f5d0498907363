import { Injectable } from '@nestjs/common';
import type { UserRole } from '@gt-vision/shared-types';
import { DataSource } from 'typeorm';
import { sql, transaction } from '../common/sql';

/** A refresh token with what a refresh needs to know about its user. */
export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  username: string;
  role: UserRole;
  disabled: boolean;
}

export interface NewRefreshToken {
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}

const INSERT = `INSERT INTO camera_registry.refresh_tokens (family_id, user_id, token_hash, expires_at)
  VALUES ($1, $2, $3, $4)`;
const insertParams = (t: NewRefreshToken) => [t.familyId, t.userId, t.tokenHash, t.expiresAt];
const familiesOf = (rows: { family_id: string }[]) => [...new Set(rows.map((r) => r.family_id))];

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    const { rows } = await sql<RefreshTokenRow>(
      this.dataSource,
      `SELECT t.id, t.family_id, t.user_id, t.expires_at, t.used_at, t.revoked_at,
              u.username, u.role, u.disabled
       FROM camera_registry.refresh_tokens t
       JOIN camera_registry.users u ON u.id = t.user_id
       WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async insert(token: NewRefreshToken): Promise<void> {
    await sql(this.dataSource, INSERT, insertParams(token));
  }

  /**
   * Marks `usedId` used and adds `next` to the family, atomically. False when the token was used or
   * revoked meanwhile (two refreshes racing with one token): only one of them may win.
   */
  rotate(usedId: string, next: NewRefreshToken): Promise<boolean> {
    return transaction(this.dataSource, async (runner) => {
      const { count } = await sql(
        runner,
        `UPDATE camera_registry.refresh_tokens SET used_at = now()
         WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [usedId],
      );
      if (count !== 1) return false;
      await sql(runner, INSERT, insertParams(next));
      return true;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await sql(
      this.dataSource,
      `UPDATE camera_registry.refresh_tokens SET revoked_at = now()
       WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  /** Revokes every token of the user and answers the families that were still open. */
  async revokeAllOfUser(userId: string): Promise<string[]> {
    const { rows } = await sql<{ family_id: string }>(
      this.dataSource,
      `UPDATE camera_registry.refresh_tokens SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId],
    );
    return familiesOf(rows);
  }

  async openFamiliesOf(userId: string): Promise<string[]> {
    const { rows } = await sql<{ family_id: string }>(
      this.dataSource,
      `SELECT family_id FROM camera_registry.refresh_tokens
       WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    return familiesOf(rows);
  }
}
