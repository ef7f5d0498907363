import type {
  CameraListCriteria,
  CameraPatch,
  CameraRecord,
  CameraSummaryCriteria,
  NewCamera,
  StoredCameraSource,
} from './camera.model';
import type { CameraStatus } from '@gt-vision/shared-types';
import { DuplicateCameraNameError } from './camera.model';
import type { CameraRepository } from './camera.repository';

type Credentials = Pick<NewCamera, 'sourceCredentials' | 'subStreamCredentials'>;

/** In-memory stand-in for CameraRepository in unit tests; keeps credentials as given. */
export class FakeCameraRepository implements Pick<CameraRepository, keyof CameraRepository> {
  readonly rows = new Map<number, CameraRecord & Credentials>();
  private nextId = 1;
  private clock = Date.parse('2026-01-01T00:00:00.000Z');
  private changes = 0;

  async version(): Promise<string> {
    return `fake.${this.changes}`;
  }

  async list(criteria: CameraListCriteria): Promise<CameraRecord[]> {
    const key = (c: CameraRecord) =>
      criteria.sort === 'createdAt'
        ? c.createdAt.toISOString()
        : criteria.sort === 'status'
          ? c.status
          : c.name.toLowerCase();
    const compare = (a: [string, number], b: [string, number]) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
    const direction = criteria.order === 'desc' ? -1 : 1;
    const after = criteria.after;
    const afterKey: [string, number] | undefined = after && [
      criteria.sort === 'name' ? after.key.toLowerCase() : after.key,
      after.id,
    ];
    return [...this.rows.values()]
      .filter((c) => !criteria.status || c.status === criteria.status)
      .filter((c) => (criteria.tags ?? []).every((tag) => c.tags.includes(tag)))
      .filter((c) => criteria.enabled === undefined || c.enabled === criteria.enabled)
      .filter((c) => criteria.lprEnabled === undefined || c.lprEnabled === criteria.lprEnabled)
      .filter((c) => !criteria.ids || criteria.ids.includes(c.id))
      .filter(
        (c) =>
          !criteria.nameContains ||
          c.name.toLowerCase().includes(criteria.nameContains.toLowerCase()),
      )
      .filter((c) => !afterKey || compare([key(c), c.id], afterKey) * direction > 0)
      .sort((a, b) => compare([key(a), a.id], [key(b), b.id]) * direction)
      .slice(0, criteria.limit)
      .map((c) => this.record(c));
  }

  async listByCriteria(criteria: CameraSummaryCriteria): Promise<CameraRecord[]> {
    return [...this.rows.values()]
      .filter((c) => criteria.enabled === undefined || c.enabled === criteria.enabled)
      .filter((c) => criteria.lprEnabled === undefined || c.lprEnabled === criteria.lprEnabled)
      .filter((c) => !criteria.ids || criteria.ids.includes(c.id))
      .sort((a, b) => a.id - b.id)
      .map((c) => this.record(c));
  }

  async listLprCameras(): Promise<{ id: number; lprFps: number }[]> {
    return [...this.rows.values()]
      .filter((c) => c.enabled && c.lprEnabled)
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ id: c.id, lprFps: c.lprFps }));
  }

  async findById(id: number): Promise<CameraRecord | null> {
    const row = this.rows.get(id);
    return row ? this.record(row) : null;
  }

  async findSource(id: number) {
    const row = this.rows.get(id);
    return row ? { url: row.sourceUrl, credentials: row.sourceCredentials } : null;
  }

  async listEnabledSources(): Promise<StoredCameraSource[]> {
    return [...this.rows.values()]
      .filter((c) => c.enabled)
      .map((c) => ({
        id: c.id,
        sourceUrl: c.sourceUrl,
        sourceCredentials: c.sourceCredentials,
        subStreamUrl: c.subStreamUrl,
        subStreamCredentials: c.subStreamCredentials,
        recordingEnabled: c.recordingEnabled,
        retentionDays: c.retentionDays,
      }));
  }

  async listOffline(): Promise<{ id: number; name: string; since: number }[]> {
    return [...this.rows.values()]
      .filter((c) => c.enabled && c.status === 'offline')
      .map((c) => ({ id: c.id, name: c.name, since: c.statusSince.getTime() / 1000 }));
  }

  async listEnabledStatuses(): Promise<{ id: number; status: CameraStatus }[]> {
    return [...this.rows.values()]
      .filter((c) => c.enabled)
      .map((c) => ({ id: c.id, status: c.status }));
  }

  /** Status changes as recorded, in order, standing in for camera_status_history. */
  readonly statusHistory: { id: number; status: CameraStatus; reason: string }[] = [];

  async updateStatus(
    id: number,
    from: CameraStatus,
    to: CameraStatus,
    reason: string,
  ): Promise<Date | null> {
    const row = this.rows.get(id);
    if (!row || !row.enabled || row.status !== from) return null;
    row.status = to;
    row.statusSince = this.tick();
    this.statusHistory.push({ id, status: to, reason });
    return row.statusSince;
  }

  async insert(camera: NewCamera): Promise<CameraRecord> {
    this.assertNameFree(camera.name);
    const now = this.tick();
    const row = {
      ...camera,
      id: this.nextId++,
      hasCredentials: camera.sourceCredentials !== null,
      hasSubStreamCredentials: camera.subStreamCredentials !== null,
      statusSince: now,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.set(row.id, row);
    return this.record(row);
  }

  async update(id: number, patch: CameraPatch): Promise<CameraRecord | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    if (patch.name !== undefined) this.assertNameFree(patch.name, id);
    const changes = Object.fromEntries(
      Object.entries(patch).filter(
        ([field, value]) => value !== undefined && field !== 'statusReason',
      ),
    );
    const now = this.tick();
    Object.assign(row, changes, { updatedAt: now });
    if (patch.sourceCredentials !== undefined)
      row.hasCredentials = patch.sourceCredentials !== null;
    if (patch.subStreamCredentials !== undefined)
      row.hasSubStreamCredentials = patch.subStreamCredentials !== null;
    if (patch.status !== undefined) row.statusSince = now;
    return this.record(row);
  }

  async delete(id: number): Promise<boolean> {
    const deleted = this.rows.delete(id);
    if (deleted) this.changes++;
    return deleted;
  }

  private record(row: CameraRecord & Credentials): CameraRecord {
    const record: CameraRecord & Partial<Credentials> = structuredClone(row);
    delete record.sourceCredentials;
    delete record.subStreamCredentials;
    return record;
  }

  private assertNameFree(name: string, exceptId?: number): void {
    for (const row of this.rows.values()) {
      if (row.id !== exceptId && row.name.toLowerCase() === name.toLowerCase()) {
        throw new DuplicateCameraNameError();
      }
    }
  }

  /** Every write ticks: the clock moves and so does the version. */
  private tick(): Date {
    this.changes++;
    this.clock += 1000;
    return new Date(this.clock);
  }
}
