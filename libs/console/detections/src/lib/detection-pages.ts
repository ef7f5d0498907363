import { inject, Injectable, signal } from '@angular/core';
import { ApiClient, errorMessage, type DetectionFilters } from '@gt-vision/console/data';
import type { DetectionResponseDto } from '@gt-vision/shared-types';
import { Subscription } from 'rxjs';

export const DETECTION_PAGE = 100;

/**
 * The rows of one search, fetched one cursor page at a time as the list nears its end. A new search
 * drops the page in flight of the previous one, so rows of two searches never mix.
 */
@Injectable()
export class DetectionPages {
  private readonly api = inject(ApiClient);
  private filters: DetectionFilters = {};
  private cursor: string | null = null;
  private inFlight: Subscription | null = null;
  /** Each page as it arrived, so that the list formats a new page alone (see DetectionRows). */
  readonly pages = signal<readonly (readonly DetectionResponseDto[])[]>([]);
  readonly hasMore = signal(true);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  search(filters: DetectionFilters): void {
    this.inFlight?.unsubscribe();
    this.inFlight = null;
    this.filters = filters;
    this.cursor = null;
    this.pages.set([]);
    this.hasMore.set(true);
    this.error.set(null);
    this.loading.set(false);
    this.loadMore();
  }

  loadMore(): void {
    if (this.loading() || !this.hasMore()) return;
    this.loading.set(true);
    this.inFlight = this.api.searchDetections(this.filters, this.cursor, DETECTION_PAGE).subscribe({
      next: (page) => {
        this.pages.update((pages) => [...pages, page.items]);
        this.cursor = page.nextCursor;
        this.hasMore.set(page.nextCursor !== null);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.hasMore.set(false);
        this.loading.set(false);
      },
    });
  }
}
