import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { niceMax } from '@gt-vision/console/charts';
import { columns, type Datum } from './chart-model';

const WIDTH = 720;
const HEIGHT = 160;
const AXIS = 28;

/**
 * Columns drawn as SVG (no chart library: a few rects cost nothing in the bundle). Each column has
 * a <title> for the tooltip and the figure is labelled; the numbers are also in a hidden table.
 */
@Component({
  selector: 'gtv-column-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      [attr.viewBox]="'0 0 ' + (width + axis) + ' ' + (height + 18)"
      role="img"
      [attr.aria-label]="label()"
    >
      <g class="grid">
        @for (tick of ticks(); track tick.value) {
          <line [attr.x1]="axis" [attr.x2]="width + axis" [attr.y1]="tick.y" [attr.y2]="tick.y" />
          <text [attr.x]="axis - 4" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.value }}</text>
        }
      </g>
      <g [attr.transform]="'translate(' + axis + ' 0)'">
        @for (column of columns(); track $index) {
          <rect
            [attr.x]="column.x"
            [attr.y]="column.y"
            [attr.width]="column.width"
            [attr.height]="column.height"
          >
            <title>{{ column.datum.label }}: {{ column.datum.value }}</title>
          </rect>
        }
        @for (tick of xTicks(); track tick.x) {
          <text class="x" [attr.x]="tick.x" [attr.y]="height + 14" text-anchor="middle">
            {{ tick.label }}
          </text>
        }
      </g>
    </svg>
  `,
  styles: `
    svg {
      width: 100%;
      height: auto;
      font-size: 11px;
    }
    rect {
      fill: var(--accent);
    }
    line {
      stroke: var(--border);
    }
    text {
      fill: var(--muted);
    }
  `,
})
export class ColumnChartComponent {
  readonly data = input<Datum[]>([]);
  readonly label = input('');
  /** Every n-th column gets its label under the axis. */
  readonly labelEvery = input(3);
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly axis = AXIS;
  private readonly top = computed(() => niceMax(Math.max(0, ...this.data().map((d) => d.value))));
  protected readonly columns = computed(() => columns(this.data(), WIDTH, HEIGHT, this.top()));
  protected readonly ticks = computed(() =>
    [0, 0.5, 1].map((f) => ({ value: this.top() * f, y: HEIGHT - f * HEIGHT })),
  );
  protected readonly xTicks = computed(() =>
    this.columns()
      .filter((_, i) => i % this.labelEvery() === 0)
      .map((c) => ({ x: c.x + c.width / 2, label: c.datum.label })),
  );
}
