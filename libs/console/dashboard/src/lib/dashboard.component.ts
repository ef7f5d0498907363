import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ApiClient, errorMessage } from '@gt-vision/console/data';
import {
  cameraStatusKey,
  I18nService,
  LocalDatePipe,
  LocalNumberPipe,
  TranslatePipe,
} from '@gt-vision/console/i18n';
import { CAMERA_STATUSES, type DashboardResponseDto } from '@gt-vision/shared-types';
import { catchError, interval, map, of, startWith, switchMap } from 'rxjs';
import { BarListComponent } from './bar-list.component';
import type { Datum } from './chart-model';
import { ColumnChartComponent } from './column-chart.component';

/** The analytics service caches the figures for a few seconds; a minute keeps the page current. */
const REFRESH_MS = 60_000;

type Load = { data: DashboardResponseDto } | { error: string } | null;

/** Detections per hour and per camera, top plates, cameras by status and alerts, refreshed by itself. */
@Component({
  selector: 'gtv-dashboard',
  imports: [TranslatePipe, LocalDatePipe, LocalNumberPipe, ColumnChartComponent, BarListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.css',
})
export class DashboardComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  protected readonly statuses = CAMERA_STATUSES;
  protected readonly statusKey = cameraStatusKey;
  private readonly load = toSignal<Load>(
    interval(REFRESH_MS).pipe(
      startWith(0),
      switchMap(() =>
        this.api.dashboard().pipe(
          map((data): Load => ({ data })),
          catchError((error: unknown) => of<Load>({ error: errorMessage(error) })),
        ),
      ),
    ),
    { initialValue: null },
  );
  private readonly cameraNames = toSignal(
    this.api.listCameras({ limit: 500 }).pipe(
      map((page) => new Map(page.items.map((camera) => [camera.id, camera.name]))),
      catchError(() => of(new Map<number, string>())),
    ),
    { initialValue: new Map<number, string>() },
  );
  protected readonly data = computed(() => {
    const load = this.load();
    return load && 'data' in load ? load.data : null;
  });
  protected readonly error = computed(() => {
    const load = this.load();
    return load && 'error' in load ? load.error : null;
  });
  protected readonly perHour = computed<Datum[]>(() => {
    const format = new Intl.DateTimeFormat(this.i18n.language(), {
      hour: '2-digit',
      minute: '2-digit',
    });
    return (this.data()?.detectionsPerHour ?? []).map((h) => ({
      label: format.format(new Date(h.hour)),
      value: h.count,
    }));
  });
  protected readonly perCamera = computed<Datum[]>(() =>
    (this.data()?.detectionsPerCamera ?? []).map((c) => ({
      label:
        this.cameraNames().get(c.cameraId) ??
        this.i18n.t('dashboard.cameraName', { id: c.cameraId }),
      value: c.count,
    })),
  );
  protected readonly topPlates = computed<Datum[]>(() =>
    (this.data()?.topPlates ?? []).map((p) => ({ label: p.plate, value: p.count })),
  );
  protected readonly totalDetections = computed(() =>
    this.perHour().reduce((sum, d) => sum + d.value, 0),
  );
}
