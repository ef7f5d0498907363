import { computed, Injectable, signal } from '@angular/core';
import type { CameraResponseDto } from '@gt-vision/shared-types';

export const WALL_LAYOUTS = [1, 4, 9, 16] as const;
export type WallLayout = (typeof WALL_LAYOUTS)[number];

interface StoredWall {
  layout: WallLayout;
  /** Camera of each tile position, `null` for an empty tile; longer than the layout is fine. */
  cameraIds: (number | null)[];
}

const STORAGE_KEY = 'gtv.wall';

/** The wall's layout and which camera each tile shows, remembered in this browser. */
@Injectable({ providedIn: 'root' })
export class WallLayoutStore {
  private readonly state = signal<StoredWall>(readStored());
  readonly layout = computed(() => this.state().layout);
  readonly columns = computed(() => Math.sqrt(this.state().layout));
  /** One entry per tile of the current layout. */
  readonly tiles = computed(() => {
    const { layout, cameraIds } = this.state();
    return Array.from({ length: layout }, (_, i) => cameraIds[i] ?? null);
  });
  /** Whether the user ever chose cameras; if not, the wall fills itself with the first cameras. */
  readonly chosen = computed(() => this.state().cameraIds.length > 0);

  setLayout(layout: WallLayout): void {
    this.update({ ...this.state(), layout });
  }

  /** The cameras of the tiles as the user now sees them (auto-filled or chosen), one changed. */
  setCamera(shown: (number | null)[], tile: number, cameraId: number | null): void {
    const cameraIds = [...shown];
    cameraIds[tile] = cameraId;
    this.update({ ...this.state(), cameraIds });
  }

  /**
   * First visit: the first cameras in order, those switched on before those switched off (a tile of a
   * disabled camera shows nothing but that), without marking them as the user's choice.
   */
  fill(cameras: Pick<CameraResponseDto, 'id' | 'enabled'>[]): (number | null)[] {
    const ids = [...cameras.filter((c) => c.enabled), ...cameras.filter((c) => !c.enabled)].map(
      (c) => c.id,
    );
    return Array.from({ length: this.layout() }, (_, i) => ids[i] ?? null);
  }

  private update(next: StoredWall): void {
    this.state.set(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Without storage the wall is remembered until the page closes.
    }
  }
}

function readStored(): StoredWall {
  try {
    const parsed = JSON.parse(
      localStorage.getItem(STORAGE_KEY) ?? 'null',
    ) as Partial<StoredWall> | null;
    if (
      parsed &&
      (WALL_LAYOUTS as readonly number[]).includes(parsed.layout as number) &&
      Array.isArray(parsed.cameraIds) &&
      parsed.cameraIds.every((id) => id === null || Number.isInteger(id))
    ) {
      return { layout: parsed.layout as WallLayout, cameraIds: parsed.cameraIds };
    }
  } catch {
    // A corrupt entry is replaced by the default wall.
  }
  return { layout: 4, cameraIds: [] };
}
