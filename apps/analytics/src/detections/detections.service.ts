import { Injectable, NotFoundException } from '@nestjs/common';
import type { DetectionResponseDto, DetectionSearchQueryDto, Page } from '@gt-vision/shared-types';
import { CameraAccess, scopedIds, type Principal } from '@gt-vision/backend-auth';
import { Database } from '@gt-vision/backend-database';
import { encodeCursor } from './detection-cursor';
import { mapDetection, type PlaybackWindow } from './detection.mapper';
import { searchSlices } from './detection-search.sql';
import { DetectionsConfig } from './detections.config';
import { DetectionsRepository } from './detections.repository';
import {
  locateSnapshot,
  snapshotHostOf,
  SnapshotStore,
  type SnapshotLocation,
} from './snapshot.store';

function notFound(id: string): NotFoundException {
  return new NotFoundException(`detection ${id} does not exist`);
}

@Injectable()
export class DetectionsService {
  private readonly window: PlaybackWindow;
  private readonly externalSnapshotHosts: ReadonlySet<string>;

  constructor(
    private readonly db: Database,
    private readonly detections: DetectionsRepository,
    private readonly snapshots: SnapshotStore,
    private readonly access: CameraAccess,
    config: DetectionsConfig,
  ) {
    this.window = {
      leadSeconds: config.PLAYBACK_LEAD_SECONDS,
      durationSeconds: config.PLAYBACK_DURATION_SECONDS,
    };
    this.externalSnapshotHosts = new Set(config.SNAPSHOT_EXTERNAL_HOSTS.map(snapshotHostOf));
  }

  /** Within the caller's cameras; naming a camera not granted to them is a 403. */
  async search(
    query: DetectionSearchQueryDto,
    caller: Principal,
  ): Promise<Page<DetectionResponseDto>> {
    this.access.assertFilterAllowed(caller, query.cameraId);
    const cameraIds = scopedIds(this.access.scopeOf(caller));
    const rows = await this.detections.search(
      this.db,
      searchSlices(query, new Date(), cameraIds),
      query.limit,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => mapDetection(row, this.window)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ capturedAt: last.cursor_at, id: last.id })
          : null,
    };
  }

  /** A detection of a camera not granted to the caller is as missing as one that does not exist. */
  async get(id: string, caller: Principal): Promise<DetectionResponseDto> {
    const row = await this.detections.findById(this.db, id);
    if (!row) throw notFound(id);
    this.access.assertVisible(caller, row.camera_id, () => notFound(id));
    return mapDetection(row, this.window);
  }

  /** The evidence of a detection: a stream from the store, or where an external engine keeps it. */
  async snapshot(id: string, caller: Principal) {
    const row = await this.detections.snapshotRefOf(this.db, id);
    if (!row) throw notFound(id);
    this.access.assertVisible(caller, row.camera_id, () => notFound(id));
    if (row.snapshot_ref === null) throw new NotFoundException(`detection ${id} has no snapshot`);
    const location: SnapshotLocation = locateSnapshot(row.snapshot_ref, this.externalSnapshotHosts);
    if (location.kind === 'refused') {
      throw new NotFoundException(`detection ${id}'s snapshot ${location.reason}`);
    }
    if (location.kind === 'external') return location;
    return { kind: 'store' as const, ...(await this.snapshots.open(location.key)) };
  }
}
