import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ApiClient, LiveService } from '@gt-vision/console/data';
import type { CameraResponseDto, CameraStatus } from '@gt-vision/shared-types';

/** The registry's largest page (`CameraRules.listLimit.max`); a wall shows 16 at most. */
const CAMERA_PAGE = 500;

/**
 * The cameras the wall can show and each one's live status: read once from the registry, then kept
 * current by `camera-status` events of /ws/live/.
 */
@Injectable()
export class CameraStatusService {
  private readonly api = inject(ApiClient);
  readonly cameras = signal<CameraResponseDto[] | null>(null);
  readonly statuses = signal<ReadonlyMap<number, CameraStatus>>(new Map());
  readonly error = signal<unknown>(null);

  constructor() {
    inject(LiveService)
      .cameraStatus.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((event) =>
        this.statuses.update((map) => new Map(map).set(event.cameraId, event.status)),
      );
    this.load();
  }

  load(): void {
    this.api.listCameras({ limit: CAMERA_PAGE }).subscribe({
      next: (page) => {
        this.cameras.set(page.items);
        this.statuses.set(new Map(page.items.map((c) => [c.id, c.status.state])));
        this.error.set(null);
      },
      error: (error: unknown) => this.error.set(error),
    });
  }
}
