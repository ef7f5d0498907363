import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { ApiClient, errorMessage, SessionStore } from '@gt-vision/console/data';
import { LocalDatePipe, LocalNumberPipe, TranslatePipe } from '@gt-vision/console/i18n';
import type { DetectionResponseDto } from '@gt-vision/shared-types';

/**
 * One detection: its snapshot with the plate's box, its readings, and the recording at that moment.
 * The snapshot is fetched as a blob through the interceptor, since an <img> cannot send the token.
 */
@Component({
  selector: 'gtv-detection-detail',
  imports: [RouterLink, TranslatePipe, LocalDatePipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './detection-detail.component.html',
  styleUrl: './detections.css',
})
export class DetectionDetailComponent {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  readonly id = input.required<string>();
  protected readonly detection = signal<DetectionResponseDto | null>(null);
  protected readonly snapshot = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly playing = signal(false);
  protected readonly box = computed(() => {
    const bbox = this.detection()?.bbox;
    return bbox
      ? {
          left: `${bbox.x * 100}%`,
          top: `${bbox.y * 100}%`,
          width: `${bbox.width * 100}%`,
          height: `${bbox.height * 100}%`,
        }
      : null;
  });
  /**
   * The recording around the capture, played by a <video> that cannot send headers either: the
   * edge accepts the access token as `?token=` for such players.
   */
  protected readonly recordingSrc = computed(() => {
    const url = this.detection()?.recording.playbackUrl;
    const token = this.session.accessToken();
    if (!url || !token) return null;
    return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
  });

  constructor() {
    effect(() => this.load(this.id()));
    inject(DestroyRef).onDestroy(() => this.revokeSnapshot());
  }

  private load(id: string): void {
    this.revokeSnapshot();
    this.api.getDetection(id).subscribe({
      next: (detection) => {
        this.detection.set(detection);
        if (detection.snapshotUrl) {
          this.api.getBlob(detection.snapshotUrl).subscribe({
            next: (blob) => this.snapshot.set(URL.createObjectURL(blob)),
            error: (error: unknown) => this.error.set(errorMessage(error)),
          });
        }
      },
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }

  private revokeSnapshot(): void {
    const url = this.snapshot();
    if (url) URL.revokeObjectURL(url);
    this.snapshot.set(null);
  }
}
