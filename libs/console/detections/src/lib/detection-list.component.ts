import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { I18nService, TranslatePipe } from '@gt-vision/console/i18n';
import { map } from 'rxjs';
import { filtersFromParams } from './detection-filters';
import { DetectionPages } from './detection-pages';
import { type DetectionRow, DetectionRows } from './detection-rows';
import { DetectionSearchComponent } from './detection-search.component';

export const DETECTION_ROW_PX = 40;
/** Placeholder rows shown below the last page while the next one is on its way. */
const SKELETONS: null[] = Array<null>(8).fill(null);
/** The next page is fetched when the first visible row is this close to the last one loaded. */
const FETCH_AHEAD_ROWS = 60;
/**
 * Rows rendered beyond the viewport: when fewer than `min` px are left, the list renders up to `max`.
 * Each time it does, the rendered rows are checked, moved and repainted; with the CDK's 100/200 px that
 * was every second frame of a fast scroll, with 400/800 px every eighth, for a third less main-thread
 * time per frame (3.3-3.6 ms instead of 4.9-6.0 ms in Chromium at 3000 px/s); 800/1600 px gained no more.
 */
const BUFFER_PX = { min: 400, max: 800 };

/** Plate search over every detection, newest first, scrolled as one long list. */
@Component({
  selector: 'gtv-detection-list',
  imports: [ScrollingModule, RouterLink, TranslatePipe, DetectionSearchComponent],
  providers: [DetectionPages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './detection-list.component.html',
  styleUrl: './detections.css',
})
export class DetectionListComponent {
  protected readonly pages = inject(DetectionPages);
  protected readonly rowHeight = DETECTION_ROW_PX;
  protected readonly bufferPx = BUFFER_PX;
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  protected readonly filters = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => filtersFromParams(params))),
    { requireSync: true },
  );
  private readonly formatter = new DetectionRows(inject(I18nService));
  protected readonly loaded = computed(() => this.formatter.rows(this.pages.pages()));
  /** Rows and, while more can come, skeleton rows where the next page will appear. */
  protected readonly rows = computed<(DetectionRow | null)[]>(() =>
    this.pages.hasMore() ? [...this.loaded(), ...SKELETONS] : this.loaded(),
  );

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => this.pages.search(filters));
    });
    // Subscribed here, not bound in the template: a template listener marks the list for a check on
    // each emission, and the first visible row changes on nearly every frame of a scroll, so every
    // rendered row was checked on every frame although the rendered range moves only every few frames.
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const scrolled = this.viewport().scrolledIndexChange.subscribe((first) => {
        if (first + FETCH_AHEAD_ROWS >= this.loaded().length) this.pages.loadMore();
      });
      destroyRef.onDestroy(() => scrolled.unsubscribe());
    });
  }

  protected readonly trackRow = (index: number, row: DetectionRow | null) =>
    row?.id ?? `skeleton-${index}`;
}
