import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { SystemAlertDto } from '@gt-vision/shared-types';
import { ApiClient, errorMessage, LiveService } from '@gt-vision/console/data';
import { LocalDatePipe, TranslatePipe, type MessageKey } from '@gt-vision/console/i18n';

/** Firing first (critical before the rest), then resolved; newest first within each. */
export function orderSystemAlerts(alerts: Iterable<SystemAlertDto>): SystemAlertDto[] {
  const rank = (a: SystemAlertDto) =>
    (a.status === 'firing' ? 0 : 2) + (a.severity === 'critical' ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * What Prometheus' rules fire, as Alertmanager delivered it to the product: loaded once, then kept
 * current by the live connection (admins only receive `system-alert` messages).
 */
@Component({
  selector: 'gtv-system-alerts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe],
  templateUrl: './system-alerts.component.html',
  styleUrl: './system-alerts.component.css',
})
export class SystemAlertsComponent {
  protected readonly alerts = signal<SystemAlertDto[] | undefined>(undefined);
  protected readonly error = signal<string | null>(null);
  private readonly byFingerprint = new Map<string, SystemAlertDto>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    const live = inject(LiveService);
    live.start();
    live.systemAlerts.pipe(takeUntilDestroyed(destroyRef)).subscribe((alert) => this.put([alert]));
    inject(ApiClient)
      .listSystemAlerts()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({
        next: (page) => this.put(page.items, true),
        error: (error: unknown) => this.error.set(errorMessage(error)),
      });
  }

  protected stateKey(alert: SystemAlertDto): MessageKey {
    return alert.status === 'firing' ? 'system.firing' : 'system.resolved';
  }

  /** A live update newer than what the list answered wins, whichever arrives first. */
  private put(alerts: readonly SystemAlertDto[], fromList = false): void {
    for (const alert of alerts) {
      const known = this.byFingerprint.get(alert.fingerprint);
      if (fromList && known && known.updatedAt > alert.updatedAt) continue;
      this.byFingerprint.set(alert.fingerprint, alert);
    }
    this.alerts.set(orderSystemAlerts(this.byFingerprint.values()));
  }
}
