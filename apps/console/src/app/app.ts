import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService, LiveService, SessionStore } from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';
import { AlertBannerComponent } from './alert-banner.component';
import { LanguageSwitchComponent } from './language-switch.component';

/** The shell: navigation, account, language, the live alert banner around the routed page. */
@Component({
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslatePipe,
    LanguageSwitchComponent,
    AlertBannerComponent,
  ],
  selector: 'gtv-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  private readonly auth = inject(AuthService);
  private readonly store = inject(SessionStore);
  protected readonly signedIn = this.store.signedIn;
  protected readonly isAdmin = this.store.isAdmin;
  protected readonly username = computed(
    () =>
      this.store.me()?.displayName || this.store.me()?.username || this.store.claims()?.username,
  );

  constructor() {
    const live = inject(LiveService);
    effect(() => (this.signedIn() ? live.start() : live.stop()));
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
