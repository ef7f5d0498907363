import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { ApiClient, type DetectionFilters } from '@gt-vision/console/data';
import {
  isoToLocalInput,
  localInputToIso,
  type MessageKey,
  TranslatePipe,
} from '@gt-vision/console/i18n';
import { map } from 'rxjs';
import {
  fractionToPercent,
  MATCH_MODES,
  percentToFraction,
  toQueryParams,
} from './detection-filters';

interface Draft {
  plate: string;
  match: string;
  cameraId: string;
  from: string;
  to: string;
  minConfidence: string;
}

/**
 * The search form: shows the URL's filters and, on submit, writes the edited ones into the URL (the list
 * follows the URL). Its own OnPush component so that the list's checks while scrolling, which come every
 * few frames, do not walk its inputs and one option per camera.
 */
@Component({
  selector: 'gtv-detection-search',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './detection-search.component.html',
})
export class DetectionSearchComponent {
  private readonly router = inject(Router);
  readonly filters = input.required<DetectionFilters>();
  protected readonly matchModes = MATCH_MODES;
  protected readonly cameras = toSignal(
    inject(ApiClient)
      .listCameras({ limit: 500 })
      .pipe(map((page) => page.items)),
    { initialValue: [] },
  );
  protected readonly draft = signal<Draft>(toDraft({}));

  constructor() {
    effect(() => this.draft.set(toDraft(this.filters())));
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
}

function toDraft(filters: DetectionFilters): Draft {
  return {
    plate: filters.plate ?? '',
    match: filters.match ?? 'contains',
    cameraId: filters.cameraId ?? '',
    from: isoToLocalInput(filters.from),
    to: isoToLocalInput(filters.to),
    minConfidence: fractionToPercent(filters.minConfidence),
  };
}
