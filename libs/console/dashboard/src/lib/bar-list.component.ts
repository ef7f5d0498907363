import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { barPercents, type Datum } from './chart-model';

/** A ranked list with a bar per row: readable as a list by a screen reader, as a chart by eye. */
@Component({
  selector: 'gtv-bar-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol [attr.aria-label]="label()">
      @for (row of rows(); track row.datum.label) {
        <li>
          <span class="name" [class.plate]="plates()">{{ row.datum.label }}</span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect x="0" y="1" height="8" [attr.width]="row.percent" />
          </svg>
          <span class="value">{{ row.datum.value }}</span>
        </li>
      }
    </ol>
  `,
  styles: `
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3rem;
    }
    li {
      display: grid;
      grid-template-columns: 9rem 1fr 3.5rem;
      gap: 0.5rem;
      align-items: center;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .plate {
      font-family: ui-monospace, monospace;
    }
    svg {
      width: 100%;
      height: 0.9rem;
    }
    rect {
      fill: var(--accent);
    }
    .value {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class BarListComponent {
  readonly data = input<Datum[]>([]);
  readonly label = input('');
  /** Labels are plates: shown in a monospace face. */
  readonly plates = input(false);
  protected readonly rows = computed(() => {
    const percents = barPercents(this.data());
    return this.data().map((datum, i) => ({ datum, percent: percents[i] ?? 0 }));
  });
}
