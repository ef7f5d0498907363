import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ApiClient, errorMessage, LiveService } from '@gt-vision/console/data';
import { LocalDatePipe, type MessageKey, TranslatePipe } from '@gt-vision/console/i18n';
import type { AlertResponseDto } from '@gt-vision/shared-types';

/** Watchlist hits, newest first; new ones arrive live; an operator acknowledges each. */
@Component({
  selector: 'gtv-alert-list',
  imports: [RouterLink, TranslatePipe, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alert-list.component.html',
  styleUrl: './alerts.css',
})
export class AlertListComponent {
  private readonly api = inject(ApiClient);
  protected readonly alerts = signal<AlertResponseDto[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(true);
  private cursor: string | null = null;
  protected readonly more = signal(false);

  constructor() {
    inject(LiveService)
      .alerts.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((alert) =>
        this.alerts.update((list) =>
          list.some((a) => a.id === alert.id) ? list : [alert, ...list],
        ),
      );
    this.loadMore();
  }

  protected severityKey(severity: string): MessageKey {
    return `alerts.severity.${severity}` as MessageKey;
  }

  protected loadMore(): void {
    this.loading.set(true);
    this.api.listAlerts({ cursor: this.cursor ?? undefined, limit: 100 }).subscribe({
      next: (page) => {
        this.alerts.update((list) => [
          ...list,
          ...page.items.filter((alert) => !list.some((a) => a.id === alert.id)),
        ]);
        this.cursor = page.nextCursor;
        this.more.set(page.nextCursor !== null);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.loading.set(false);
      },
    });
  }

  protected acknowledge(alert: AlertResponseDto): void {
    this.api.acknowledgeAlert(alert.id).subscribe({
      next: (updated) =>
        this.alerts.update((list) => list.map((a) => (a.id === updated.id ? updated : a))),
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }
}
