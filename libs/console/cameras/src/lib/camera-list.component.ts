import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ApiClient, errorMessage, LiveService, SessionStore } from '@gt-vision/console/data';
import { cameraStatusKey, I18nService, TranslatePipe } from '@gt-vision/console/i18n';
import type { CameraResponseDto } from '@gt-vision/shared-types';

const PAGE = 200;
export const CAMERA_ROW_PX = 44;

/**
 * Every camera with its live status, in a virtual scroll (hundreds of cameras per server). Pages are
 * fetched by cursor as the end comes near; status changes arrive over /ws/live/.
 */
@Component({
  selector: 'gtv-camera-list',
  imports: [ScrollingModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-list.component.html',
  styleUrl: './cameras.css',
})
export class CameraListComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  protected readonly isAdmin = inject(SessionStore).isAdmin;
  protected readonly rowHeight = CAMERA_ROW_PX;
  protected readonly statusKey = cameraStatusKey;
  protected readonly cameras = signal<CameraResponseDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  private cursor: string | null = null;
  private done = false;

  constructor() {
    inject(LiveService)
      .cameraStatus.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((event) =>
        this.cameras.update((list) =>
          list.map((camera) =>
            camera.id === event.cameraId
              ? { ...camera, status: { state: event.status, since: event.since } }
              : camera,
          ),
        ),
      );
    this.loadMore();
  }

  protected readonly trackById = (_: number, camera: CameraResponseDto) => camera.id;

  /** The next page is asked for while a screenful or two of rows is still ahead. */
  protected onScrolled(firstVisible: number): void {
    if (firstVisible + 40 >= this.cameras().length) this.loadMore();
  }

  protected loadMore(): void {
    if (this.loading() || this.done) return;
    this.loading.set(true);
    this.api.listCameras({ cursor: this.cursor ?? undefined, limit: PAGE }).subscribe({
      next: (page) => {
        this.cameras.update((list) => [...list, ...page.items]);
        this.cursor = page.nextCursor;
        this.done = page.nextCursor === null;
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.loading.set(false);
      },
    });
  }

  protected remove(camera: CameraResponseDto): void {
    if (!confirm(this.i18n.t('cameras.confirmDelete', { name: camera.name }))) return;
    this.api.deleteCamera(camera.id).subscribe({
      next: () => {
        this.cameras.update((list) => list.filter((c) => c.id !== camera.id));
        this.message.set(this.i18n.t('cameras.deleted'));
      },
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }
}
