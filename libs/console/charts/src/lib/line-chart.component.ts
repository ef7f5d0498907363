import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { lineDomain, linePaths, type LineSeries } from './scale';

const WIDTH = 480;
const HEIGHT = 120;
const AXIS = 40;
const COLOURS = ['#58a6ff', '#3fb950', '#d29922', '#f85149', '#bc8cff', '#39c5cf', '#ff7b72'];

/**
 * Time series drawn as SVG paths (no chart library: a few paths cost nothing in the bundle). The
 * figure is labelled, each series named in a legend; the last values are given as text for screen
 * readers, since a line cannot be read out.
 */
@Component({
  selector: 'gtv-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <figcaption>{{ label() }}</figcaption>
      <svg
        [attr.viewBox]="'0 0 ' + (width + axis) + ' ' + (height + 4)"
        role="img"
        [attr.aria-label]="summary()"
      >
        <g class="grid">
          @for (tick of ticks(); track tick.y) {
            <line [attr.x1]="axis" [attr.x2]="width + axis" [attr.y1]="tick.y" [attr.y2]="tick.y" />
            <text [attr.x]="axis - 4" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.text }}</text>
          }
        </g>
        <g [attr.transform]="'translate(' + axis + ' 0)'">
          @for (path of paths(); track $index) {
            <path [attr.d]="path" [attr.stroke]="colour($index)" fill="none" stroke-width="1.5" />
          }
        </g>
      </svg>
      @if (series().length > 1) {
        <ul class="legend">
          @for (s of series(); track s.label) {
            <li><span class="swatch" [style.background]="colour($index)"></span>{{ s.label }}</li>
          }
        </ul>
      }
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
    }
    figcaption {
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    svg {
      width: 100%;
      height: auto;
      font-size: 10px;
    }
    .grid line {
      stroke: #2d3846;
    }
    .grid text {
      fill: #9aa5b1;
    }
    .legend {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      padding: 0;
      margin: 0.25rem 0 0;
      font-size: 0.8rem;
    }
    .swatch {
      display: inline-block;
      width: 0.7rem;
      height: 0.7rem;
      margin-right: 0.3rem;
      border-radius: 2px;
    }
  `,
})
export class LineChartComponent {
  readonly label = input.required<string>();
  readonly series = input.required<readonly LineSeries[]>();
  /** Values are fractions (0–1), shown as percentages on a 0–100 % axis. */
  readonly fraction = input(false);
  /** Formats an axis or last value (the caller's locale and unit). */
  readonly format = input<(value: number) => string>((value) => String(value));

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly axis = AXIS;

  private readonly domain = computed(() => lineDomain(this.series(), this.fraction()));
  protected readonly paths = computed(() => linePaths(this.series(), WIDTH, HEIGHT, this.domain()));
  protected readonly ticks = computed(() => {
    const top = this.domain().yMax;
    return [0, 0.5, 1].map((f) => ({
      y: HEIGHT - f * HEIGHT + (f === 1 ? 1 : 0),
      text: this.format()(f * top),
    }));
  });
  protected readonly summary = computed(() => {
    const last = this.series()
      .filter((s) => s.points.length)
      .map(
        (s) => `${s.label ? s.label + ': ' : ''}${this.format()(s.points[s.points.length - 1][1])}`,
      );
    return `${this.label()}. ${last.join(', ') || '—'}`;
  });

  protected colour(index: number): string {
    return COLOURS[index % COLOURS.length];
  }
}
