import { ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ApiClient } from '@gt-vision/console/data';
import {
  isoToLocalInput,
  LocalDatePipe,
  localInputToIso,
  LocalNumberPipe,
  type MessageKey,
  TranslatePipe,
} from '@gt-vision/console/i18n';
import type { DetectionResponseDto } from '@gt-vision/shared-types';
import { map } from 'rxjs';
import {
  filtersFromParams,
  fractionToPercent,
  MATCH_MODES,
  percentToFraction,
  toQueryParams,
} from './detection-filters';
import { DetectionPages } from './detection-pages';

export const DETECTION_ROW_PX = 40;
/** Placeholder rows shown below the last page while the next one is on its way. */
const SKELETON_ROWS = 8;

interface Draft {
  plate: string;
  match: string;
  cameraId: string;
  from: string;
  to: string;
  minConfidence: string;
}

/** Plate search over every detection, newest first, scrolled as one long list. */
@Component({
  selector: 'gtv-detection-list',
  imports: [
    ScrollingModule,
    FormsModule,
    RouterLink,
    TranslatePipe,
    LocalDatePipe,
    LocalNumberPipe,
  ],
  providers: [DetectionPages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './detection-list.component.html',
  styleUrl: './detections.css',
})
export class DetectionListComponent {
  private readonly router = inject(Router);
  protected readonly pages = inject(DetectionPages);
  protected readonly rowHeight = DETECTION_ROW_PX;
  protected readonly matchModes = MATCH_MODES;
  protected readonly cameras = toSignal(
    inject(ApiClient)
      .listCameras({ limit: 500 })
      .pipe(map((page) => page.items)),
    { initialValue: [] },
  );
  private readonly filters = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => filtersFromParams(params))),
    { requireSync: true },
  );
  protected readonly draft = signal<Draft>(this.toDraft());
  /** Rows and, while more can come, skeleton rows where the next page will appear. */
  protected readonly rows = computed<(DetectionResponseDto | null)[]>(() => [
    ...this.pages.rows(),
    ...(this.pages.hasMore() ? Array<null>(SKELETON_ROWS).fill(null) : []),
  ]);

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => {
        this.draft.set(this.toDraft());
        this.pages.search(filters);
      });
    });
  }

  protected matchKey(mode: string): MessageKey {
    return `detections.match.${mode}` as MessageKey;
  }

  protected edit<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((draft) => ({ ...draft, [key]: value }));
  }

  protected submit(): void {
    const draft = this.draft();
    void this.router.navigate([], {
      queryParams: toQueryParams({
        plate: draft.plate.trim(),
        match: draft.plate.trim() ? draft.match : undefined,
        cameraId: draft.cameraId,
        from: localInputToIso(draft.from),
        to: localInputToIso(draft.to),
        minConfidence: percentToFraction(draft.minConfidence),
      }),
    });
  }

  protected onScrolled(firstVisible: number): void {
    if (firstVisible + 60 >= this.pages.rows().length) this.pages.loadMore();
  }

  protected readonly trackRow = (index: number, row: DetectionResponseDto | null) =>
    row?.id ?? `skeleton-${index}`;

  private toDraft(): Draft {
    const filters = this.filters();
    return {
      plate: filters.plate ?? '',
      match: filters.match ?? 'contains',
      cameraId: filters.cameraId ?? '',
      from: isoToLocalInput(filters.from),
      to: isoToLocalInput(filters.to),
      minConfidence: fractionToPercent(filters.minConfidence),
    };
  }
}
