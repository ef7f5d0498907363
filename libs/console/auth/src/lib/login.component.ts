import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthService } from '@gt-vision/console/data';
import { I18nService, TranslatePipe } from '@gt-vision/console/i18n';

/** The first page without a session; after signing in, the page asked for or the wall. */
@Component({
  selector: 'gtv-login',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.component.html',
  styleUrl: './auth.css',
})
export class LoginComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  /** From the query string: why the user is here, and where to go back to. */
  readonly notice = input<string>();
  readonly returnTo = input<string>();
  protected username = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly noticeText = computed(() => {
    const notice = this.notice();
    if (notice === 'expired') return this.i18n.t('login.expired');
    if (notice === 'logged-out') return this.i18n.t('login.loggedOut');
    return null;
  });

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login({ username: this.username, password: this.password });
      const target = this.returnTo();
      await this.router.navigateByUrl(
        target?.startsWith('/') && !target.startsWith('//') ? target : '/wall',
      );
    } catch (error) {
      this.error.set(this.describe(error));
    } finally {
      this.busy.set(false);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof HttpErrorResponse) {
      if (error.status === 401 || error.status === 400) return this.i18n.t('login.failed');
      if (error.status === 429)
        return this.i18n.t('login.locked', { seconds: error.headers.get('Retry-After') ?? '60' });
    }
    return this.i18n.t('login.unavailable');
  }
}
