import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { switchMap, timer } from 'rxjs';
import { SessionStore } from '@gt-vision/console/data';
import { ServiceHealth, ServiceHealthService } from './service-health.service';
import { SystemAlertsComponent } from './system-alerts.component';
import { SystemChartsComponent } from './system-charts.component';
import { SystemTabsComponent } from './system-tabs.component';

const REFRESH_MS = 5000;

/**
 * Readiness of every backend service and of each dependency it checks, refreshed every 5 s; for admins,
 * the system alerts Prometheus fired as well.
 */
@Component({
  selector: 'gtv-system-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SystemAlertsComponent, SystemChartsComponent, SystemTabsComponent],
  templateUrl: './system-status.component.html',
  styleUrl: './system-status.component.css',
})
export class SystemStatusComponent {
  protected readonly services = signal<ServiceHealth[] | undefined>(undefined);
  protected readonly checkedAt = signal<Date | undefined>(undefined);
  protected readonly isAdmin = inject(SessionStore).isAdmin;

  constructor() {
    const health = inject(ServiceHealthService);
    timer(0, REFRESH_MS)
      .pipe(
        switchMap(() => health.readAll()),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((services) => {
        this.services.set(services);
        this.checkedAt.set(new Date());
      });
  }
}
