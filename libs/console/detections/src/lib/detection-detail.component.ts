import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { ApiClient, errorMessage } from '@gt-vision/console/data';
import { LocalDatePipe, LocalNumberPipe, TranslatePipe } from '@gt-vision/console/i18n';
import type { DetectionResponseDto } from '@gt-vision/shared-types';

/** The range the playback page opens with, on each side of the capture. */
const RECORDING_CONTEXT_MS = 5 * 60_000;

/**
 * One detection: its snapshot with the plate's box, its readings, and a jump to the recording.
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
  readonly id = input.required<string>();
  protected readonly detection = signal<DetectionResponseDto | null>(null);
  protected readonly snapshot = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
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
  /** The playback page around the capture, starting a little before it (see PlaybackComponent). */
  protected readonly recordingLink = computed(() => {
    const detection = this.detection();
    if (!detection) return null;
    const at = Date.parse(detection.capturedAt);
    return {
      camera: detection.cameraId,
      from: new Date(at - RECORDING_CONTEXT_MS).toISOString(),
      to: new Date(at + RECORDING_CONTEXT_MS).toISOString(),
      at: detection.capturedAt,
    };
  });

  constructor() {
    // Only the id is tracked: load() reads (and revokes) the snapshot signal, which must not re-run it
    // (that looped: every snapshot set reloaded the detection and revoked the picture it had just shown).
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
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
