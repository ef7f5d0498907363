import { Injectable } from '@nestjs/common';
import { CameraRepository } from '../cameras/camera.repository';

/**
 * Staleness accepted for "does this camera exist and is it enabled": MediaMTX asks once per viewer
 * session, and a burst of viewers should cost one query, not one each. A camera disabled or deleted
 * loses its MediaMTX path at once anyway, so a few seconds of cache let no video through.
 */
export const ENABLED_CAMERAS_TTL_MS = 5_000;

/** The ids of enabled cameras, read at most once per TTL; concurrent callers share one query. */
@Injectable()
export class EnabledCamerasCache {
  private ids: Promise<ReadonlySet<number>> | undefined;
  private loadedAt = 0;

  constructor(private readonly cameras: CameraRepository) {}

  async isEnabled(id: number, now = Date.now()): Promise<boolean> {
    if (!this.ids || now - this.loadedAt >= ENABLED_CAMERAS_TTL_MS) {
      this.loadedAt = now;
      this.ids = this.cameras
        .listEnabledStatuses()
        .then((rows) => new Set(rows.map((row) => Number(row.id))));
      // A failed query is not cached: the next request tries again.
      this.ids.catch(() => (this.ids = undefined));
    }
    return (await this.ids).has(id);
  }
}
