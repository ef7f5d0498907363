import { Injectable } from '@nestjs/common';
import type { GrantableRole } from '@gt-vision/shared-types';
import { Database, sqlStateOf, type Tx } from '@gt-vision/backend-database';

export interface CameraGroupRow {
  id: string;
  name: string;
  description: string | null;
  all_cameras: boolean;
  camera_ids: number[];
  created_at: Date;
  updated_at: Date;
}

export interface CameraGrantRow {
  id: string;
  group_id: string;
  user_id: string | null;
  role: GrantableRole | null;
  created_by: string | null;
  created_at: Date;
}

/** One grant with what its group covers: the rows a snapshot is built from. */
export interface ResolvedGrantRow {
  user_id: string | null;
  role: GrantableRole | null;
  all_cameras: boolean;
  camera_ids: number[];
}

export interface GroupFields {
  name?: string;
  description?: string | null;
  allCameras?: boolean;
}

export class DuplicateGroupNameError extends Error {}
export class DuplicateGrantError extends Error {}
/** A grant or member names a user, group or camera that does not exist. */
export class MissingReferenceError extends Error {
  constructor(readonly constraint: string) {
    super(`missing reference (${constraint})`);
  }
}

const GROUP_COLUMNS = `g.id, g.name, g.description, g.all_cameras, g.created_at, g.updated_at,
  COALESCE((SELECT array_agg(m.camera_id ORDER BY m.camera_id)
              FROM camera_registry.camera_group_members m WHERE m.group_id = g.id), '{}') AS camera_ids`;
const GRANT_COLUMNS = 'id, group_id, user_id, role, created_by, created_at';
const BUMP_REVISION = 'UPDATE camera_registry.camera_access_revision SET revision = revision + 1';

/** Client-caused constraint violations, as errors the service turns into 409/400. */
function translate(error: unknown): never {
  const state = sqlStateOf(error);
  const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
  if (state === '23505' && constraint === 'camera_groups_name_lower_key') {
    throw new DuplicateGroupNameError();
  }
  if (state === '23505') throw new DuplicateGrantError();
  if (state === '23503') throw new MissingReferenceError(constraint ?? 'unknown');
  throw error;
}

/** All SQL of groups, members and grants. Every write bumps the revision in its transaction. */
@Injectable()
export class CameraAccessRepository {
  constructor(private readonly db: Database) {}

  async listGroups(): Promise<CameraGroupRow[]> {
    return this.db.query<CameraGroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM camera_registry.camera_groups g ORDER BY lower(g.name)`,
    );
  }

  async findGroup(id: string, db: Tx = this.db): Promise<CameraGroupRow | null> {
    const rows = await db.query<CameraGroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM camera_registry.camera_groups g WHERE g.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Runs `work` and bumps the revision in one transaction; answers the new revision with its result. */
  async change<T>(work: (tx: Tx) => Promise<T>): Promise<{ result: T; revision: number }> {
    try {
      return await this.db.transaction(async (tx) => {
        const result = await work(tx);
        const [row] = await tx.query<{ revision: string }>(`${BUMP_REVISION} RETURNING revision`);
        return { result, revision: Number(row.revision) };
      });
    } catch (error) {
      translate(error);
    }
  }

  async insertGroup(tx: Tx, fields: Required<GroupFields>): Promise<string> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO camera_registry.camera_groups (name, description, all_cameras)
       VALUES ($1, $2, $3) RETURNING id`,
      [fields.name, fields.description, fields.allCameras],
    );
    return rows[0].id;
  }

  /** False when there is no such group. */
  async updateGroup(tx: Tx, id: string, fields: GroupFields): Promise<boolean> {
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
    if (fields.name !== undefined) set('name', fields.name);
    if (fields.description !== undefined) set('description', fields.description);
    if (fields.allCameras !== undefined) set('all_cameras', fields.allCameras);
    return (
      (await tx.execute(
        `UPDATE camera_registry.camera_groups SET ${sets.join(', ')} WHERE id = $1`,
        params,
      )) === 1
    );
  }

  async deleteGroup(tx: Tx, id: string): Promise<boolean> {
    const sqlText = 'DELETE FROM camera_registry.camera_groups WHERE id = $1';
    return (await tx.execute(sqlText, [id])) === 1;
  }

  /** Replaces the group's members; a camera that does not exist fails the transaction (23503). */
  async setMembers(tx: Tx, groupId: string, cameraIds: readonly number[]): Promise<void> {
    await tx.execute('DELETE FROM camera_registry.camera_group_members WHERE group_id = $1', [
      groupId,
    ]);
    if (cameraIds.length === 0) return;
    await tx.execute(
      `INSERT INTO camera_registry.camera_group_members (group_id, camera_id)
       SELECT $1, unnest($2::int[])`,
      [groupId, cameraIds],
    );
  }

  async listGrants(filter: {
    groupId?: string;
    userId?: string;
    role?: GrantableRole;
  }): Promise<CameraGrantRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.groupId) where.push(`group_id = $${params.push(filter.groupId)}`);
    if (filter.userId) where.push(`user_id = $${params.push(filter.userId)}`);
    if (filter.role) where.push(`role = $${params.push(filter.role)}`);
    return this.db.query<CameraGrantRow>(
      `SELECT ${GRANT_COLUMNS} FROM camera_registry.camera_grants
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`,
      params,
    );
  }

  async insertGrant(
    tx: Tx,
    grant: { groupId: string; userId: string | null; role: GrantableRole | null; by: string },
  ): Promise<CameraGrantRow> {
    const rows = await tx.query<CameraGrantRow>(
      `INSERT INTO camera_registry.camera_grants (group_id, user_id, role, created_by)
       VALUES ($1, $2, $3, $4) RETURNING ${GRANT_COLUMNS}`,
      [grant.groupId, grant.userId, grant.role, grant.by],
    );
    return rows[0];
  }

  async deleteGrant(tx: Tx, id: string): Promise<boolean> {
    const sqlText = 'DELETE FROM camera_registry.camera_grants WHERE id = $1';
    return (await tx.execute(sqlText, [id])) === 1;
  }

  /**
   * In a camera's delete transaction, before the delete: its group memberships go (the foreign key's
   * cascade would remove them without moving the revision) and, when it had any, the revision moves.
   * Answers the new revision, or null when no group named the camera.
   */
  async removeCameraFromGroups(tx: Tx, cameraId: number): Promise<number | null> {
    const sqlText = 'DELETE FROM camera_registry.camera_group_members WHERE camera_id = $1';
    return this.deleteAndBump(tx, sqlText, cameraId);
  }

  /** As removeCameraFromGroups, for the grants of a user about to be deleted. */
  async removeUserGrants(tx: Tx, userId: string): Promise<number | null> {
    return this.deleteAndBump(
      tx,
      'DELETE FROM camera_registry.camera_grants WHERE user_id = $1',
      userId,
    );
  }

  private async deleteAndBump(tx: Tx, deleteSql: string, id: unknown): Promise<number | null> {
    const rows = await tx.query<{ revision: string }>(
      `WITH d AS (${deleteSql} RETURNING 1)
       ${BUMP_REVISION} WHERE EXISTS (SELECT 1 FROM d) RETURNING revision`,
      [id],
    );
    return rows.length ? Number(rows[0].revision) : null;
  }

  /** Every grant with its group's cameras, and the revision they are at, read in one statement. */
  async resolvedGrants(): Promise<{ revision: number; grants: ResolvedGrantRow[] }> {
    const rows = await this.db.query<ResolvedGrantRow & { revision: string }>(
      `SELECT r.revision, gr.user_id, gr.role, g.all_cameras,
              COALESCE((SELECT array_agg(m.camera_id) FROM camera_registry.camera_group_members m
                         WHERE m.group_id = g.id), '{}') AS camera_ids
         FROM camera_registry.camera_access_revision r
         LEFT JOIN camera_registry.camera_grants gr ON true
         LEFT JOIN camera_registry.camera_groups g ON g.id = gr.group_id`,
    );
    return {
      revision: Number(rows[0]?.revision ?? 0),
      grants: rows.filter((row) => row.user_id !== null || row.role !== null),
    };
  }
}
