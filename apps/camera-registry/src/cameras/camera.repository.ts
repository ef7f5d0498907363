import { Injectable } from '@nestjs/common';
import type { CameraSort, CameraStatus } from '@gt-vision/shared-types';
import { Database, type Tx } from '@gt-vision/backend-database';
import {
  CameraListCriteria,
  CameraPatch,
  CameraRecord,
  CameraSummaryCriteria,
  ConcurrentCameraChangeError,
  DuplicateCameraNameError,
  NewCamera,
  StoredCameraSource,
} from './camera.model';

interface CameraRow {
  id: number;
  name: string;
  source_url: string;
  has_credentials: boolean;
  sub_stream_url: string | null;
  has_sub_stream_credentials: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  tags: string[];
  recording_enabled: boolean;
  retention_days: number;
  lpr_enabled: boolean;
  lpr_fps: number;
  enabled: boolean;
  status: CameraStatus;
  status_since: Date;
  created_at: Date;
  updated_at: Date;
}

// The credentials column is never selected for API reads; only whether it is set.
const COLUMNS = `id, name, source_url, source_credentials IS NOT NULL AS has_credentials,
  sub_stream_url, sub_stream_credentials IS NOT NULL AS has_sub_stream_credentials, lat, lon, address, tags, recording_enabled, retention_days, lpr_enabled, lpr_fps, enabled, status,
  status_since, created_at, updated_at`;

/** Sort expressions by API sort name; each has a (expression, id) index so pages are index scans. */
const SORT_EXPRESSIONS: Record<CameraSort, string> = {
  name: 'lower(name)',
  createdAt: 'created_at',
  status: 'status',
};

/** Cursor keys are compared the same way the sort expression orders them. */
const CURSOR_KEY_EXPRESSIONS: Record<CameraSort, (param: string) => string> = {
  name: (param) => `lower(${param})`,
  createdAt: (param) => `${param}::timestamptz`,
  status: (param) => param,
};

const WRITABLE_COLUMNS: Record<keyof Omit<NewCamera, 'location'>, string> = {
  name: 'name',
  sourceUrl: 'source_url',
  sourceCredentials: 'source_credentials',
  subStreamUrl: 'sub_stream_url',
  subStreamCredentials: 'sub_stream_credentials',
  tags: 'tags',
  recordingEnabled: 'recording_enabled',
  retentionDays: 'retention_days',
  lprEnabled: 'lpr_enabled',
  lprFps: 'lpr_fps',
  enabled: 'enabled',
  status: 'status',
};

function toRecord(row: CameraRow): CameraRecord {
  return {
    id: row.id,
    name: row.name,
    sourceUrl: row.source_url,
    hasCredentials: row.has_credentials,
    subStreamUrl: row.sub_stream_url,
    hasSubStreamCredentials: row.has_sub_stream_credentials,
    location:
      row.lat === null || row.lon === null
        ? null
        : { lat: row.lat, lon: row.lon, address: row.address },
    tags: row.tags,
    recordingEnabled: row.recording_enabled,
    retentionDays: row.retention_days,
    lprEnabled: row.lpr_enabled,
    lprFps: row.lpr_fps,
    enabled: row.enabled,
    status: row.status,
    statusSince: row.status_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** One statement per page: filters, keyset position and order, never OFFSET. */
export function buildListQuery(criteria: CameraListCriteria): { text: string; values: unknown[] } {
  const params = new Params();
  const where: string[] = [];
  if (criteria.status) where.push(`status = ${params.add(criteria.status)}`);
  if (criteria.tags?.length) where.push(`tags @> ${params.add(criteria.tags)}::text[]`);
  if (criteria.enabled !== undefined) where.push(`enabled = ${params.add(criteria.enabled)}`);
  if (criteria.lprEnabled !== undefined) {
    where.push(`lpr_enabled = ${params.add(criteria.lprEnabled)}`);
  }
  if (criteria.nameContains) {
    where.push(`name ILIKE ${params.add(`%${escapeLike(criteria.nameContains)}%`)}`);
  }
  if (criteria.ids) where.push(`id = ANY(${params.add(criteria.ids)}::int[])`);
  const sortBy = SORT_EXPRESSIONS[criteria.sort];
  const direction = criteria.order === 'desc' ? 'DESC' : 'ASC';
  if (criteria.after) {
    const key = CURSOR_KEY_EXPRESSIONS[criteria.sort](params.add(criteria.after.key));
    const comparison = criteria.order === 'desc' ? '<' : '>';
    where.push(`(${sortBy}, id) ${comparison} (${key}, ${params.add(criteria.after.id)})`);
  }
  const text = [
    `SELECT ${COLUMNS} FROM camera_registry.cameras`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${sortBy} ${direction}, id ${direction}`,
    `LIMIT ${params.add(criteria.limit)}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, values: params.values };
}

function databaseError(error: unknown): { code?: string; constraint?: string } {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  return typeof cause === 'object' && cause !== null ? cause : {};
}

/** Turns the constraint violations a client can cause into domain errors; anything else is a bug. */
export function translateWriteError(error: unknown): never {
  const { code, constraint } = databaseError(error);
  if (code === '23505' && constraint === 'cameras_name_key') throw new DuplicateCameraNameError();
  if (code === '23514' && constraint === 'cameras_status_matches_enabled') {
    throw new ConcurrentCameraChangeError();
  }
  throw error;
}

/** All SQL of the cameras feature. */
@Injectable()
export class CameraRepository {
  constructor(private readonly db: Database) {}

  /**
   * Where the cameras table stands: a token that changes with every committed change to it (see the
   * cameras_version migration), for caches of what is read from it.
   */
  async version(): Promise<string> {
    const rows = await this.db.query<{ epoch: string; version: string }>(
      'SELECT epoch, version FROM camera_registry.cameras_version',
    );
    return `${rows[0].epoch.slice(0, 8)}.${rows[0].version}`;
  }

  async list(criteria: CameraListCriteria): Promise<CameraRecord[]> {
    const { text, values } = buildListQuery(criteria);
    const rows = await this.db.query<CameraRow>(text, values);
    return rows.map(toRecord);
  }

  async findById(id: number): Promise<CameraRecord | null> {
    const rows = await this.db.query<CameraRow>(
      `SELECT ${COLUMNS} FROM camera_registry.cameras WHERE id = $1`,
      [id],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Every camera matching the filters, by id, unpaged: the internal list served over NATS. */
  async listByCriteria(criteria: CameraSummaryCriteria): Promise<CameraRecord[]> {
    const params = new Params();
    const where: string[] = [];
    if (criteria.enabled !== undefined) where.push(`enabled = ${params.add(criteria.enabled)}`);
    if (criteria.lprEnabled !== undefined) {
      where.push(`lpr_enabled = ${params.add(criteria.lprEnabled)}`);
    }
    if (criteria.ids) where.push(`id = ANY(${params.add(criteria.ids)}::int[])`);
    const rows = await this.db.query<CameraRow>(
      `SELECT ${COLUMNS} FROM camera_registry.cameras
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
      params.values,
    );
    return rows.map(toRecord);
  }

  /** Enabled cameras with LPR on and their frame rate: what frame extraction reads. */
  async listLprCameras(): Promise<{ id: number; lprFps: number }[]> {
    const rows = await this.db.query<{ id: number; lpr_fps: number }>(
      `SELECT id, lpr_fps FROM camera_registry.cameras WHERE enabled AND lpr_enabled ORDER BY id`,
    );
    return rows.map((row) => ({ id: row.id, lprFps: row.lpr_fps }));
  }

  /** The stored source: URL without credentials and the encrypted credentials. */
  async findSource(id: number): Promise<{ url: string; credentials: Buffer | null } | null> {
    const rows = await this.db.query<{ source_url: string; source_credentials: Buffer | null }>(
      'SELECT source_url, source_credentials FROM camera_registry.cameras WHERE id = $1',
      [id],
    );
    return rows.length
      ? { url: rows[0].source_url, credentials: rows[0].source_credentials }
      : null;
  }

  /** Every enabled camera's source and recording settings in one query: the MediaMTX desired state. */
  async listEnabledSources(): Promise<StoredCameraSource[]> {
    const rows = await this.db.query<{
      id: number;
      source_url: string;
      source_credentials: Buffer | null;
      sub_stream_url: string | null;
      sub_stream_credentials: Buffer | null;
      recording_enabled: boolean;
      retention_days: number;
    }>(
      `SELECT id, source_url, source_credentials, sub_stream_url, sub_stream_credentials,
              recording_enabled, retention_days
         FROM camera_registry.cameras WHERE enabled ORDER BY id`,
    );
    return rows.map((row) => ({
      id: row.id,
      sourceUrl: row.source_url,
      sourceCredentials: row.source_credentials,
      subStreamUrl: row.sub_stream_url,
      subStreamCredentials: row.sub_stream_credentials,
      recordingEnabled: row.recording_enabled,
      retentionDays: row.retention_days,
    }));
  }

  /** The stored status of every enabled camera, for the path status watcher. */
  /** Enabled cameras now offline, and since when (seconds since the epoch). */
  listOffline(): Promise<{ id: number; name: string; since: number }[]> {
    return this.db.query(
      `SELECT id, name, extract(epoch FROM status_since)::float8 AS since
         FROM camera_registry.cameras WHERE enabled AND status = 'offline' ORDER BY id`,
    );
  }

  async listEnabledStatuses(): Promise<{ id: number; status: CameraStatus }[]> {
    return this.db.query(
      'SELECT id, status FROM camera_registry.cameras WHERE enabled ORDER BY id',
    );
  }

  /**
   * Moves an enabled camera from `from` to `to` and records it in the history, in one statement (so one
   * transaction). Null when the camera is gone, disabled or no longer `from` (an API write won the race).
   */
  async updateStatus(
    id: number,
    from: CameraStatus,
    to: CameraStatus,
    reason: string,
    db: Tx = this.db,
  ): Promise<Date | null> {
    const rows = await db.query<{ status_since: Date }>(
      `WITH c AS (
          UPDATE camera_registry.cameras SET status = $3, status_since = now()
           WHERE id = $1 AND enabled AND status = $2 RETURNING id, status, status_since
        ), h AS (
          INSERT INTO camera_registry.camera_status_history (camera_id, status, reason, at)
          SELECT id, status, $4, status_since FROM c
        )
        SELECT status_since FROM c`,
      [id, from, to, reason],
    );
    return rows.length ? rows[0].status_since : null;
  }

  /** Inserts the camera and its first status history entry in one statement. */
  async insert(camera: NewCamera, db: Tx = this.db): Promise<CameraRecord> {
    const params = new Params();
    const columns = Object.entries(WRITABLE_COLUMNS).map(([field, column]) => {
      params.add(camera[field as keyof typeof WRITABLE_COLUMNS]);
      return column;
    });
    columns.push('lat', 'lon', 'address');
    params.add(camera.location?.lat ?? null);
    params.add(camera.location?.lon ?? null);
    params.add(camera.location?.address ?? null);
    const placeholders = params.values.map((_, i) => `$${i + 1}`);
    const sql = `WITH c AS (
        INSERT INTO camera_registry.cameras (${columns.join(', ')})
        VALUES (${placeholders.join(', ')}) RETURNING *
      ), h AS (
        INSERT INTO camera_registry.camera_status_history (camera_id, status, reason, at)
        SELECT id, status, 'camera created', status_since FROM c
      )
      SELECT ${COLUMNS} FROM c`;
    try {
      const rows = await db.query<CameraRow>(sql, params.values);
      return toRecord(rows[0]);
    } catch (error) {
      translateWriteError(error);
    }
  }

  /** Null when the camera does not exist. A status change is recorded in the history atomically. */
  async update(id: number, patch: CameraPatch, db: Tx = this.db): Promise<CameraRecord | null> {
    const params = new Params();
    const idParam = params.add(id);
    const sets = ['updated_at = now()'];
    for (const [field, column] of Object.entries(WRITABLE_COLUMNS)) {
      const value = patch[field as keyof typeof WRITABLE_COLUMNS];
      if (value !== undefined) sets.push(`${column} = ${params.add(value)}`);
    }
    if (patch.location !== undefined) {
      sets.push(`lat = ${params.add(patch.location?.lat ?? null)}`);
      sets.push(`lon = ${params.add(patch.location?.lon ?? null)}`);
      sets.push(`address = ${params.add(patch.location?.address ?? null)}`);
    }
    let history = '';
    if (patch.status !== undefined) {
      sets.push('status_since = now()');
      history = `, h AS (
        INSERT INTO camera_registry.camera_status_history (camera_id, status, reason, at)
        SELECT id, status, ${params.add(patch.statusReason ?? null)}, status_since FROM c
      )`;
    }
    const sql = `WITH c AS (
        UPDATE camera_registry.cameras SET ${sets.join(', ')} WHERE id = ${idParam} RETURNING *
      )${history}
      SELECT ${COLUMNS} FROM c`;
    try {
      const rows = await db.query<CameraRow>(sql, params.values);
      return rows.length ? toRecord(rows[0]) : null;
    } catch (error) {
      translateWriteError(error);
    }
  }

  /** False when there was nothing to delete. The status history goes with it (ON DELETE CASCADE). */
  async delete(id: number, db: Tx = this.db): Promise<boolean> {
    const rows = await db.query<unknown>(
      'WITH d AS (DELETE FROM camera_registry.cameras WHERE id = $1 RETURNING id) SELECT id FROM d',
      [id],
    );
    return rows.length > 0;
  }
}
