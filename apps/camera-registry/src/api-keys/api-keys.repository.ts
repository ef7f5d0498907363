import { Injectable } from '@nestjs/common';
import type { ApiKeyRole } from '@gt-vision/shared-types';
import { Database } from '@gt-vision/backend-database';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface NewApiKey {
  name: string;
  prefix: string;
  keyHash: string;
  role: ApiKeyRole;
  createdBy: string | null;
}

const COLUMNS = 'id, name, prefix, role, created_by, created_at, last_used_at, revoked_at';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  async insert(key: NewApiKey): Promise<ApiKeyRow> {
    const rows = await this.db.query<ApiKeyRow>(
      `INSERT INTO camera_registry.api_keys (name, prefix, key_hash, role, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [key.name, key.prefix, key.keyHash, key.role, key.createdBy],
    );
    return rows[0];
  }

  async list(): Promise<ApiKeyRow[]> {
    const sqlText = `SELECT ${COLUMNS} FROM camera_registry.api_keys ORDER BY created_at DESC`;
    return this.db.query<ApiKeyRow>(sqlText);
  }

  /** Every key not revoked, with its hash: what `ActiveApiKeys` holds in memory. */
  async listActive(): Promise<(ApiKeyRow & { key_hash: string })[]> {
    return this.db.query<ApiKeyRow & { key_hash: string }>(
      `SELECT ${COLUMNS}, key_hash FROM camera_registry.api_keys WHERE revoked_at IS NULL`,
    );
  }

  /** False when no key has this id; revoking a revoked key changes nothing and succeeds. */
  async revoke(id: string): Promise<boolean> {
    const count = await this.db.execute(
      `UPDATE camera_registry.api_keys SET revoked_at = COALESCE(revoked_at, now())
       WHERE id = $1`,
      [id],
    );
    return count === 1;
  }

  async touch(id: string): Promise<void> {
    const sqlText = 'UPDATE camera_registry.api_keys SET last_used_at = now() WHERE id = $1';
    await this.db.execute(sqlText, [id]);
  }
}
