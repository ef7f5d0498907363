import { Injectable } from '@nestjs/common';
import type { UserRole } from '@gt-vision/shared-types';
import { Database, type Tx } from '@gt-vision/backend-database';

export interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  role: UserRole;
  password_hash: string;
  disabled: boolean;
  failed_login_count: number;
  locked_until: Date | null;
  password_changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface NewUser {
  username: string;
  displayName: string | null;
  role: UserRole;
  passwordHash: string;
}

export interface UserChanges {
  displayName?: string | null;
  role?: UserRole;
  disabled?: boolean;
  passwordHash?: string;
}

/** Called with the row to change and the enabled admins, both locked; throws to refuse. */
export type AdminGuard = (current: UserRow, activeAdminIds: readonly string[]) => void;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<UserRow[]> {
    const sqlText = 'SELECT * FROM camera_registry.users ORDER BY lower(username)';
    return this.db.query<UserRow>(sqlText);
  }

  async findById(id: string): Promise<UserRow | null> {
    const sqlText = 'SELECT * FROM camera_registry.users WHERE id = $1';
    return (await this.db.query<UserRow>(sqlText, [id]))[0] ?? null;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    const sqlText = 'SELECT * FROM camera_registry.users WHERE lower(username) = lower($1)';
    return (await this.db.query<UserRow>(sqlText, [username]))[0] ?? null;
  }

  /** Throws a unique violation when the username is taken (in any case). */
  async insert(user: NewUser): Promise<UserRow> {
    const rows = await this.db.query<UserRow>(
      `INSERT INTO camera_registry.users (username, display_name, role, password_hash)
       VALUES ($1, $2, $3, $4) RETURNING *`,
      [user.username, user.displayName, user.role, user.passwordHash],
    );
    return rows[0];
  }

  /**
   * Creates the first admin only while there is no user at all. Replicas starting together may
   * all try: the unique username lets one insert win and the others do nothing.
   */
  async insertFirstAdmin(username: string, passwordHash: string): Promise<boolean> {
    const count = await this.db.execute(
      `INSERT INTO camera_registry.users (username, role, password_hash)
       SELECT $1, 'admin', $2 WHERE NOT EXISTS (SELECT 1 FROM camera_registry.users)
       ON CONFLICT DO NOTHING`,
      [username, passwordHash],
    );
    return count === 1;
  }

  async hasAnyUser(): Promise<boolean> {
    const sqlText = 'SELECT EXISTS (SELECT 1 FROM camera_registry.users) AS any';
    return (await this.db.query<{ any: boolean }>(sqlText))[0].any;
  }

  /**
   * Applies `changes` after `guard` accepted them. The enabled admins are locked first (always in
   * the same order) so that two admins demoting each other at once cannot leave none.
   */
  update(
    id: string,
    changes: UserChanges,
    guard: AdminGuard,
  ): Promise<{ before: UserRow; after: UserRow } | null> {
    return this.db.transaction(async (runner) => {
      const before = await this.lockForChange(runner, id, guard);
      if (!before) return null;
      const params: unknown[] = [id];
      const sets = ['updated_at = now()'];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (changes.displayName !== undefined) set('display_name', changes.displayName);
      if (changes.role !== undefined) set('role', changes.role);
      if (changes.disabled !== undefined) set('disabled', changes.disabled);
      if (changes.passwordHash !== undefined) {
        set('password_hash', changes.passwordHash);
        // A new password also lifts a lock-out: it is how an admin lets a locked-out user back in.
        sets.push('password_changed_at = now()', 'failed_login_count = 0', 'locked_until = NULL');
      }
      const rows = await runner.query<UserRow>(
        `UPDATE camera_registry.users SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
        params,
      );
      return { before, after: rows[0] };
    });
  }

  /** `cascade` runs in the same transaction, before the delete (what other tables hold of the user). */
  delete<T>(
    id: string,
    guard: AdminGuard,
    cascade: (tx: Tx) => Promise<T>,
  ): Promise<{ before: UserRow; cascaded: T } | null> {
    return this.db.transaction(async (runner) => {
      const before = await this.lockForChange(runner, id, guard);
      if (!before) return null;
      const cascaded = await cascade(runner);
      await runner.execute('DELETE FROM camera_registry.users WHERE id = $1', [id]);
      return { before, cascaded };
    });
  }

  /** Counts a failed login; `lockedUntil` is set when this failure locks the account out. */
  async recordLoginFailure(id: string, lockedUntil: Date | null): Promise<void> {
    await this.db.execute(
      `UPDATE camera_registry.users
       SET failed_login_count = failed_login_count + 1, locked_until = COALESCE($2, locked_until)
       WHERE id = $1`,
      [id, lockedUntil],
    );
  }

  async recordLoginSuccess(id: string): Promise<void> {
    await this.db.execute(
      `UPDATE camera_registry.users SET failed_login_count = 0, locked_until = NULL
       WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)`,
      [id],
    );
  }

  /** Stores a stronger hash of the same password; not a password change, so sessions stay. */
  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    const sqlText = 'UPDATE camera_registry.users SET password_hash = $2 WHERE id = $1';
    await this.db.execute(sqlText, [id, passwordHash]);
  }

  private async lockForChange(runner: Tx, id: string, guard: AdminGuard): Promise<UserRow | null> {
    const admins = await runner.query<{
      id: string;
    }>(`SELECT id FROM camera_registry.users WHERE role = 'admin' AND NOT disabled
       ORDER BY id FOR UPDATE`);
    const rows = await runner.query<UserRow>(
      'SELECT * FROM camera_registry.users WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!rows[0]) return null;
    guard(
      rows[0],
      admins.map((admin) => admin.id),
    );
    return rows[0];
  }
}
