import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { LiveService } from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';
import type { AlertResponseDto } from '@gt-vision/shared-types';

/** How long a toast stays; the banner stays until dismissed. */
const TOAST_MS = 8000;

/**
 * Watchlist hits as they are raised (`alert` on /ws/live/): a banner with the latest until dismissed,
 * and a toast per alert. Silent by default, as a control room wants; screen readers are told.
 */
@Component({
  selector: 'gtv-alert-banner',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alert-banner.component.html',
  styleUrl: './alert-banner.component.css',
})
export class AlertBannerComponent {
  protected readonly latest = signal<AlertResponseDto | null>(null);
  protected readonly toasts = signal<AlertResponseDto[]>([]);

  constructor() {
    const destroyRef = inject(DestroyRef);
    inject(LiveService)
      .alerts.pipe(takeUntilDestroyed(destroyRef))
      .subscribe((alert) => {
        this.latest.set(alert);
        this.toasts.update((list) => [...list, alert].slice(-3));
        const timer = setTimeout(() => this.dismissToast(alert.id), TOAST_MS);
        destroyRef.onDestroy(() => clearTimeout(timer));
      });
  }

  protected dismiss(): void {
    this.latest.set(null);
  }

  protected dismissToast(id: string): void {
    this.toasts.update((list) => list.filter((alert) => alert.id !== id));
  }
}
