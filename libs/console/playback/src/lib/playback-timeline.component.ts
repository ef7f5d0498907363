import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { I18nService, TranslatePipe } from '@gt-vision/console/i18n';
import { percentOf, type Mark, type Span } from './playback-model';

/**
 * The range as a bar: recorded stretches, a playhead, and one button per detection, with a slider
 * under it. A mark or the slider (mouse or keyboard) asks the page to seek there.
 */
@Component({
  selector: 'gtv-playback-timeline',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" [attr.aria-label]="'playback.timeline' | t" role="group">
      @for (span of placedSpans(); track span.left) {
        <div class="span" [style.left.%]="span.left" [style.width.%]="span.width"></div>
      }
      @if (playhead(); as left) {
        <div class="playhead" [style.left.%]="left"></div>
      }
      @for (mark of placedMarks(); track mark.id) {
        <button
          type="button"
          class="mark"
          [style.left.%]="mark.left"
          [attr.data-at]="mark.atMs"
          [attr.aria-label]="mark.label"
          [attr.title]="mark.label"
          (click)="seek.emit(mark.atMs)"
        ></button>
      }
    </div>
    <input
      type="range"
      class="scrub"
      [min]="fromMs()"
      [max]="toMs()"
      step="1000"
      [value]="position() ?? fromMs()"
      [attr.aria-label]="'playback.scrub' | t"
      [attr.aria-valuetext]="positionText()"
      (change)="scrub($event)"
    />
  `,
  styles: `
    .bar {
      position: relative;
      height: 2.5rem;
      margin: 0.5rem 0;
      background: var(--surface);
      border: 1px solid var(--border);
    }
    .scrub {
      width: 100%;
      padding: 0;
      margin: 0;
    }
    .span {
      position: absolute;
      top: 0;
      bottom: 0;
      background: #1f6feb55;
    }
    .playhead {
      position: absolute;
      top: 0;
      bottom: 0;
      width: 2px;
      background: var(--text);
    }
    .mark {
      position: absolute;
      top: 0.6rem;
      width: 0.8rem;
      height: 1.3rem;
      margin-left: -0.4rem;
      padding: 0;
      border-radius: 2px;
      background: var(--warn);
      border-color: var(--warn);
    }
  `,
})
export class PlaybackTimelineComponent {
  private readonly i18n = inject(I18nService);
  readonly fromMs = input.required<number>();
  readonly toMs = input.required<number>();
  readonly spans = input<Span[]>([]);
  readonly marks = input<Mark[]>([]);
  readonly position = input<number | null>(null);
  readonly seek = output<number>();
  protected readonly placedSpans = computed(() =>
    this.spans().map((span) => {
      const left = this.percent(span.startMs);
      return { left, width: this.percent(span.endMs) - left };
    }),
  );
  protected readonly placedMarks = computed(() =>
    this.marks().map((mark) => ({
      ...mark,
      left: this.percent(mark.atMs),
      label: this.i18n.t('playback.mark', {
        plate: mark.plate,
        time: this.i18n.formatDateTime(mark.atMs),
      }),
    })),
  );
  protected readonly playhead = computed(() => {
    const position = this.position();
    return position === null ? null : this.percent(position);
  });

  protected readonly positionText = computed(() =>
    this.i18n.formatDateTime(this.position() ?? this.fromMs()),
  );

  /** The slider under the bar: seeking by mouse or keyboard anywhere in the range. */
  protected scrub(event: Event): void {
    this.seek.emit(Number((event.target as HTMLInputElement).value));
  }

  private percent(atMs: number): number {
    return percentOf(atMs, this.fromMs(), this.toMs());
  }
}
