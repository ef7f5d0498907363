import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { TraceDetailDto, TraceSpanDto } from '@gt-vision/shared-types';
import { LocalDatePipe, LocalNumberPipe, TranslatePipe } from '@gt-vision/console/i18n';
import { serviceColour } from './service-colour';

/** Narrower bars would vanish: a span this short still shows as a tick (percent of the track). */
const MIN_WIDTH = 0.3;

/**
 * One trace as a waterfall of plain elements (no charting library): each span a row indented under its
 * parent, its bar placed on the trace's time axis in its service's colour; a click shows its attributes.
 */
@Component({
  selector: 'gtv-trace-waterfall',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, LocalNumberPipe],
  templateUrl: './trace-waterfall.component.html',
  styleUrl: './trace-waterfall.component.css',
})
export class TraceWaterfallComponent {
  readonly trace = input.required<TraceDetailDto>();
  private readonly selectedId = signal<string | null>(null);

  protected readonly legend = computed(() =>
    this.trace().services.map((service) => ({ service, colour: serviceColour(service) })),
  );

  protected readonly ticks = computed(() =>
    [0, 0.25, 0.5, 0.75, 1].map((f) => ({ left: f * 100, ms: f * this.trace().durationMs })),
  );

  protected readonly rows = computed(() => {
    const total = this.trace().durationMs || 1;
    return this.trace().spans.map((span) => ({
      span,
      colour: serviceColour(span.service),
      left: (span.offsetMs / total) * 100,
      width: Math.max((span.durationMs / total) * 100, MIN_WIDTH),
    }));
  });

  /** Looked up in the current trace: opening another trace clears the selection. */
  protected readonly selected = computed(() =>
    this.trace().spans.find((span) => span.spanId === this.selectedId()),
  );

  protected readonly attributes = computed(() =>
    Object.entries(this.selected()?.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  );

  protected select(span: TraceSpanDto): void {
    this.selectedId.set(this.selectedId() === span.spanId ? null : span.spanId);
  }
}
