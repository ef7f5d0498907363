import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { ApiClient, errorMessage, SessionStore } from '@gt-vision/console/data';
import {
  isoToLocalInput,
  LocalDatePipe,
  localInputToIso,
  TranslatePipe,
} from '@gt-vision/console/i18n';
import { DetectionRules, type RecordingSpanDto } from '@gt-vision/shared-types';
import { catchError, forkJoin, map, of, Subscription, throwError } from 'rxjs';
import {
  clipAt,
  queryFromParams,
  toSpans,
  withToken,
  type Clip,
  type Mark,
  type PlaybackQuery,
  type Span,
} from './playback-model';
import { PlaybackTimelineComponent } from './playback-timeline.component';

interface Draft {
  cameraId: string;
  from: string;
  to: string;
}

/** Quick ranges ending now, in minutes. */
const QUICK_RANGES = [1, 15, 60] as const;

/**
 * Recordings of one camera over a time range, from MediaMTX's playback server through the edge,
 * with that range's detections as marks on a timeline; a mark (or a click on the timeline) seeks.
 * The range lives in the URL, so a detection can link straight to its moment.
 */
@Component({
  selector: 'gtv-playback',
  imports: [FormsModule, TranslatePipe, LocalDatePipe, PlaybackTimelineComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './playback.component.html',
  styleUrl: './playback.css',
})
export class PlaybackComponent {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  protected readonly quickRanges = QUICK_RANGES;
  protected readonly cameras = toSignal(
    this.api.listCameras({ limit: 500 }).pipe(map((page) => page.items)),
    { initialValue: [] },
  );
  protected readonly query = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => queryFromParams((name) => params.get(name))),
    ),
    { requireSync: true },
  );
  protected readonly draft = signal<Draft>(this.toDraft(this.query()));
  protected readonly spans = signal<Span[]>([]);
  protected readonly marks = signal<Mark[]>([]);
  protected readonly clip = signal<Clip | null>(null);
  /** Wall-clock time of the picture shown, for the timeline's playhead. */
  protected readonly position = signal<number | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly nothingRecorded = computed(
    () => !this.loading() && this.query().cameraId !== null && this.spans().length === 0,
  );

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => {
        this.draft.set(this.toDraft(query));
        this.load(query);
      });
    });
  }

  protected setDraft<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((current) => ({ ...current, [key]: value }));
  }

  protected show(): void {
    const draft = this.draft();
    void this.router.navigate([], {
      queryParams: {
        camera: draft.cameraId || null,
        from: localInputToIso(draft.from) ?? null,
        to: localInputToIso(draft.to) ?? null,
      },
    });
  }

  protected showLast(minutes: number): void {
    const now = Date.now();
    void this.router.navigate([], {
      queryParams: {
        camera: this.draft().cameraId || null,
        from: new Date(now - minutes * 60_000).toISOString(),
        to: new Date(now).toISOString(),
      },
    });
  }

  /** Within what is already buffered the <video> seeks itself; elsewhere a new clip starts there. */
  protected seek(atMs: number): void {
    const clip = this.clip();
    const video = this.video()?.nativeElement;
    if (clip && video && atMs >= clip.startMs) {
      const offset = (atMs - clip.startMs) / 1000;
      for (let i = 0; i < video.buffered.length; i++) {
        if (offset >= video.buffered.start(i) && offset <= video.buffered.end(i)) {
          video.currentTime = offset;
          return;
        }
      }
    }
    this.play(clipAt(this.spans(), atMs));
  }

  protected onTime(event: Event): void {
    const clip = this.clip();
    if (clip)
      this.position.set(clip.startMs + (event.target as HTMLVideoElement).currentTime * 1000);
  }

  private play(clip: Clip | null): void {
    this.clip.set(clip && { ...clip, url: withToken(clip.url, this.session.accessToken()) });
    this.position.set(clip?.startMs ?? null);
  }

  /** The running load: a newer range cancels it, so an older answer never lands on a newer range. */
  private loading$ = Subscription.EMPTY;

  private load(query: PlaybackQuery): void {
    this.loading$.unsubscribe();
    this.spans.set([]);
    this.marks.set([]);
    this.clip.set(null);
    this.error.set(null);
    if (query.cameraId === null) return;
    const from = new Date(query.fromMs).toISOString();
    const to = new Date(query.toMs).toISOString();
    this.loading.set(true);
    this.loading$ = forkJoin({
      recordings: this.api.listRecordings(`cam_${query.cameraId}`, from, to).pipe(
        // MediaMTX answers 404 when nothing was recorded in the range: an empty timeline.
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 404
            ? of([] as RecordingSpanDto[])
            : throwError(() => error),
        ),
      ),
      detections: this.api.searchDetections(
        { cameraId: String(query.cameraId), from, to },
        null,
        DetectionRules.searchLimit.max,
      ),
    }).subscribe({
      next: ({ recordings, detections }) => {
        const spans = toSpans(recordings);
        this.spans.set(spans);
        this.marks.set(
          detections.items.map((d) => ({
            id: d.id,
            atMs: Date.parse(d.capturedAt),
            plate: d.plate,
          })),
        );
        this.loading.set(false);
        this.play(clipAt(spans, query.atMs ?? query.fromMs));
      },
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.loading.set(false);
      },
    });
  }

  private toDraft(query: PlaybackQuery): Draft {
    return {
      cameraId: query.cameraId === null ? '' : String(query.cameraId),
      from: isoToLocalInput(new Date(query.fromMs).toISOString()),
      to: isoToLocalInput(new Date(query.toMs).toISOString()),
    };
  }
}
