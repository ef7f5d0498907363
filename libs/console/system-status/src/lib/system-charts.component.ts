import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  SYSTEM_METRIC_RANGES,
  type SystemChartDto,
  type SystemMetricRange,
} from '@gt-vision/shared-types';
import { LineChartComponent } from '@gt-vision/console/charts';
import { ApiClient, errorMessage } from '@gt-vision/console/data';
import { I18nService, TranslatePipe, type MessageKey } from '@gt-vision/console/i18n';
import { catchError, EMPTY, switchMap, timer } from 'rxjs';

const REFRESH_MS = 30_000;

/** The single node's key charts (no Grafana there), from the fixed queries analytics runs. */
@Component({
  selector: 'gtv-system-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, LineChartComponent, TranslatePipe],
  template: `
    <section aria-labelledby="system-charts-title">
      <h2 id="system-charts-title">{{ 'system.charts' | t }}</h2>
      <label>
        {{ 'system.chartsRange' | t }}
        <select [ngModel]="range()" (ngModelChange)="range.set($event)">
          @for (r of ranges; track r) {
            <option [value]="r">{{ r }}</option>
          }
        </select>
      </label>
      @if (error(); as message) {
        <p class="error" role="alert">{{ 'system.chartsError' | t: { message } }}</p>
      }
      <div class="charts">
        @for (view of views(); track view.chart.id) {
          <gtv-line-chart
            [attr.data-chart]="view.chart.id"
            [label]="view.title | t"
            [series]="view.chart.series"
            [fraction]="view.chart.unit === 'ratio'"
            [format]="view.format"
          />
        }
      </div>
    </section>
  `,
  styles: `
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
      gap: 1rem;
      margin-top: 0.75rem;
    }
  `,
})
export class SystemChartsComponent {
  protected readonly ranges = SYSTEM_METRIC_RANGES;
  protected readonly range = signal<SystemMetricRange>('1h');
  protected readonly charts = signal<SystemChartDto[]>([]);
  protected readonly error = signal<string | null>(null);
  private readonly i18n = inject(I18nService);

  constructor() {
    const api = inject(ApiClient);
    toObservable(this.range)
      .pipe(
        switchMap((range) =>
          timer(0, REFRESH_MS).pipe(
            switchMap(() =>
              api.systemMetrics(range).pipe(
                catchError((error: unknown) => {
                  this.error.set(errorMessage(error));
                  return EMPTY;
                }),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((answer) => {
        this.error.set(null);
        this.charts.set(answer.charts);
      });
  }

  protected readonly views = computed(() =>
    this.charts().map((chart) => ({
      chart,
      title: `system.chart.${chart.id}` as MessageKey,
      format: this.formatter(chart),
    })),
  );

  private formatter(chart: SystemChartDto): (value: number) => string {
    if (chart.unit === 'ratio') return (value) => this.i18n.formatPercent(value);
    const digits = chart.unit === 'perSecond' ? 2 : 0;
    return (value) => this.i18n.formatNumber(value, { maximumFractionDigits: digits });
  }
}
