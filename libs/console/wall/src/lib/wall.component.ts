import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import { errorMessage } from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';
import { CameraStatusService } from './camera-status.service';
import { CameraTileComponent } from './camera-tile.component';
import { WALL_LAYOUTS, WallLayoutStore, type WallLayout } from './wall-layout.store';

/** The live wall: 1, 4, 9 or 16 tiles; layout and cameras remembered in this browser. */
@Component({
  selector: 'gtv-wall',
  imports: [CameraTileComponent, TranslatePipe],
  providers: [CameraStatusService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './wall.component.html',
  styleUrl: './wall.component.css',
})
export class WallComponent {
  private readonly router = inject(Router);
  protected readonly store = inject(WallLayoutStore);
  protected readonly cameras = inject(CameraStatusService);
  protected readonly layouts = WALL_LAYOUTS;
  protected readonly loadError = computed(() => {
    const error = this.cameras.error();
    return error ? errorMessage(error) : null;
  });
  private readonly byId = computed(
    () => new Map((this.cameras.cameras() ?? []).map((camera) => [camera.id, camera])),
  );
  /** Camera ids per tile: the user's choice, or the first cameras until they choose. */
  protected readonly shown = computed(() =>
    this.store.chosen() ? this.store.tiles() : this.store.fill(this.cameras.cameras() ?? []),
  );
  protected readonly tiles = computed(() =>
    this.shown().map((id, index) => ({
      index,
      camera: id === null ? null : (this.byId().get(id) ?? null),
      status: id === null ? null : (this.cameras.statuses().get(id) ?? null),
    })),
  );

  protected setLayout(layout: WallLayout): void {
    this.store.setLayout(layout);
  }

  protected choose(tile: number, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.store.setCamera(this.shown(), tile, value === '' ? null : Number(value));
  }

  protected openFull(cameraId: number | undefined): void {
    if (cameraId !== undefined) void this.router.navigate(['/wall', cameraId]);
  }
}
