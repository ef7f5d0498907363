import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { switchMap, timer } from 'rxjs';
import { ServiceHealth, ServiceHealthService } from './service-health.service';

const REFRESH_MS = 5000;

/** Readiness of every backend service and of each dependency it checks, refreshed every 5 s. */
@Component({
  selector: 'gtv-system-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './system-status.component.html',
  styleUrl: './system-status.component.css',
})
export class SystemStatusComponent {
  protected readonly services = signal<ServiceHealth[] | undefined>(undefined);
  protected readonly checkedAt = signal<Date | undefined>(undefined);

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
